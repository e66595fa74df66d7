<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.nav.sources"]>
<form method="post" action="/admin/collect"><input type="hidden" name="csrf" value="${csrf}"><button class="primary">${msg["admin.sources.collect"]}</button></form>
<div class="scroll"><table>
<thead><tr><th>${msg["admin.sources.source"]}</th><th>${msg["admin.sources.items"]}</th><th>${msg["admin.sources.success"]}</th><th>${msg["admin.sources.error"]}</th></tr></thead>
<tbody><#list rows as r><tr><td>${r.key}</td><td>${r.items?c}</td><td class="${r.ok?then('ok','error')}">${r.success}</td><td><#if r.removed><p class="muted">${msg["admin.sources.removed"]}</p></#if><#if r.warning?has_content><p class="error">${msg["admin.sources.warning"]}: ${r.warning}</p></#if><#if r.error?has_content>${r.errorAt}: ${r.error}</#if></td></tr>
<#else><tr><td colspan="4" class="muted">${msg["admin.sources.none"]}</td></tr></#list></tbody>
</table></div>
</@l.page>
