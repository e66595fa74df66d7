<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.login.title"] nav=false>
<#if notice?has_content><p class="ok" id="notice">${notice}</p></#if>
<#if error?has_content><p class="error" id="error">${error}</p></#if>
<#if nobody>
<p class="notice" id="nobody">${msg["admin.login.nobody"]}</p>
<pre>rundbrief users add du@example.org --role admin</pre>
<#else>
<form method="post" action="/admin/login">
<input type="hidden" name="csrf" value="${csrf}">
<p><label>${msg["admin.login.email"]}<br><input type="email" name="email" id="email" value="${email}" autocomplete="username" autofocus></label></p>
<p><label>${msg["admin.login.password"]}<br><input type="password" name="password" id="password" autocomplete="current-password" required></label></p>
<p><button class="primary" id="login">${msg["admin.login.submit"]}</button></p>
<#if bootstrap><p class="muted">${msg["admin.login.bootstrap"]}</p></#if>
</form>
</#if>
</@l.page>
