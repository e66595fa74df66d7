<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.nav.subscribers"]>
<form method="get" action="/admin/subscribers">
<input type="search" name="q" value="${q}" placeholder="${msg["admin.subscribers.search"]}">
<select name="status"><option value="">${msg["admin.subscribers.anyStatus"]}</option>
<#list statuses as st><option value="${st}"<#if st == status> selected</#if>>${st}</option></#list></select>
<button>${msg["admin.subscribers.find"]}</button>
</form>
<p class="muted">${total?c} ${msg["admin.subscribers.found"]}</p>
<div class="scroll"><table>
<thead><tr><th>${msg["admin.subscribers.email"]}</th><th>${msg["admin.subscribers.name"]}</th><th>${msg["admin.edition.status"]}</th><th>${msg["admin.edition.cadence"]}</th></tr></thead>
<tbody><#list rows as r><tr><td><a href="/admin/subscribers/${r.id?c}">${r.email}</a></td><td>${r.name}</td><td>${r.status}</td><td>${r.cadence}</td></tr></#list></tbody>
</table></div>
<#if next gte 0><p><a href="/admin/subscribers?q=${q?url}&amp;status=${status?url}&amp;offset=${next?c}">${msg["admin.subscribers.more"]}</a></p></#if>
</@l.page>
