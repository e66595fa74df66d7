<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.import.title"]>
<#if error?has_content><p class="error" id="error">${error}</p></#if>
<#if result>
<p id="summary">${msg["admin.import.summary"]?replace("{file}", file)?replace("{rows}", rows?c)?replace("{imported}", imported?c)?replace("{unchanged}", unchanged?c)?replace("{suppressed}", suppressed?c)?replace("{rejected}", rejected?c)}</p>
<#if guessed?has_content><p class="notice">${guessed}</p></#if>
<#if report?has_content>
<p>${msg["admin.import.fixHint"]}</p>
<div class="scroll"><table id="report">
<thead><tr><th>${msg["admin.import.line"]}</th><th>${msg["admin.import.reason"]}</th></tr></thead>
<tbody><#list report as r><tr><td>${r.line?c}</td><td>${r.reason}</td></tr></#list></tbody>
</table></div>
<#if more gt 0><p class="muted">${msg["admin.import.more"]?replace("{count}", more?c)}</p></#if>
</#if>
</#if>
<form method="post" action="/admin/subscribers/import" enctype="multipart/form-data" id="import-form">
<input type="hidden" name="csrf" value="${csrf}">
<p class="muted">${msg["admin.import.help"]}</p>
<p><label>${msg["admin.import.file"]}<br><input type="file" name="file" id="file" accept=".csv,.txt,text/csv"></label></p>
<p><label><input type="checkbox" name="confirmed" id="confirmed"<#if confirmed> checked</#if>> ${msg["admin.import.confirmed"]}</label></p>
<p><label>${msg["admin.member.note"]}<br><input type="text" name="note" id="note" value="${note}" maxlength="1000"></label></p>
<p><button class="primary" id="upload">${msg["admin.import.upload"]}</button></p>
</form>
</@l.page>
