<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.member.forgetTitle"]>
<p id="question">${msg["admin.member.forgetQuestion"]?replace("{email}", email)}</p>
<form method="post" action="/admin/subscribers/${id?c}/forget"><input type="hidden" name="csrf" value="${csrf}">
<button class="danger" id="confirm-forget">${msg["admin.member.forgetYes"]}</button> <a href="/admin/subscribers/${id?c}">${msg["admin.confirm.no"]}</a></form>
</@l.page>
