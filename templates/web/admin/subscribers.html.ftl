<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.nav.subscribers"]>
<#if notice?has_content><p class="muted" id="notice">${notice}</p></#if>
<p><a href="/admin/subscribers/new" id="add-member">${msg["admin.member.add"]}</a> · <a href="/admin/subscribers/import" id="import-members">${msg["admin.import.title"]}</a>
· <a href="/admin/subscribers/export" id="export">${msg["admin.member.export"]}</a> · <a href="/admin/subscribers/export?excel=true" id="export-excel">${msg["admin.member.exportExcel"]}</a></p>
<form method="get" action="/admin/subscribers">
<input type="search" name="q" value="${q}" placeholder="${msg["admin.subscribers.search"]}" id="q">
<select name="status" id="status-filter"><option value="">${msg["admin.subscribers.anyStatus"]}</option>
<#list statuses as st><option value="${st}"<#if st == status> selected</#if>>${msg["admin.memberStatus." + st]}</option></#list></select>
<button id="find">${msg["admin.subscribers.find"]}</button>
</form>
<div class="scroll"><table id="members">
<thead><tr><th>${msg["admin.subscribers.email"]}</th><th>${msg["admin.subscribers.name"]}</th><th>${msg["admin.edition.status"]}</th><th>${msg["admin.edition.cadence"]}</th></tr></thead>
<tbody><#list rows as r><tr><td><a href="/admin/subscribers/${r.id?c}">${r.email}</a></td><td>${r.name}</td><td>${msg["admin.memberStatus." + r.status]}</td><td>${msg["admin.cadence." + r.cadence]}</td></tr>
<#else><tr><td colspan="4" class="muted">${msg["admin.member.noneFound"]}</td></tr></#list></tbody>
</table></div>
<p><#if !first><a href="/admin/subscribers?q=${q?url}&amp;status=${status?url}">${msg["admin.member.firstPage"]}</a> </#if>
<#if next gte 0><a href="/admin/subscribers?q=${q?url}&amp;status=${status?url}&amp;after=${next?c}" id="next">${msg["admin.subscribers.more"]}</a></#if></p>
</@l.page>
