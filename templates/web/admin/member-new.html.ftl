<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.member.add"]>
<#list errors as e><p class="error">${e}</p></#list>
<form method="post" action="/admin/subscribers" id="member-form">
<input type="hidden" name="csrf" value="${csrf}">
<p><label>${msg["admin.subscribers.email"]}<br><input type="email" name="email" id="email" value="${email}" required></label></p>
<p><label>${msg["admin.subscribers.name"]}<br><input type="text" name="name" id="name" value="${name}" maxlength="200"></label></p>
<#include "member-choices.html.ftl">
<p><label>${msg["admin.member.note"]}<br><input type="text" name="note" id="note" value="${note}" required maxlength="1000"></label></p>
<p><button class="primary" id="save-member">${msg["admin.member.addButton"]}</button></p>
</form>
</@l.page>
