<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.confirm.title"]>
<p id="question">${msg["admin.confirm.question"]?replace("{count}", e.total?c)?replace("{id}", e.id?c)}</p>
<form method="post" action="/admin/editions/${e.id?c}/send">
<input type="hidden" name="csrf" value="${csrf}"><#if revision?has_content><input type="hidden" name="revision" value="${revision}"></#if>
<button class="primary" id="confirm-send">${msg["admin.confirm.yes"]}</button>
<a href="/admin/editions/${e.id?c}">${msg["admin.confirm.no"]}</a>
</form>
</@l.page>
