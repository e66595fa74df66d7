<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.login.title"] nav=false>
<#if error?has_content><p class="error" id="error">${error}</p></#if>
<form method="post" action="/admin/login">
<input type="hidden" name="csrf" value="${csrf}">
<p><label>${msg["admin.login.password"]}<br><input type="password" name="password" id="password" autocomplete="current-password" required autofocus></label></p>
<p><button class="primary" id="login">${msg["admin.login.submit"]}</button></p>
</form>
</@l.page>
