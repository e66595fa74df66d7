<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.invite.title"] nav=false>
<p>${msg["admin.invite.intro"]?replace("{email}", email)}</p>
<#if error?has_content><p class="error" id="error">${error}</p></#if>
<form method="post" action="/admin/invite/${token}">
<input type="hidden" name="csrf" value="${csrf}">
<p><label>${msg["admin.invite.password"]}<br><input type="password" name="password" id="password" autocomplete="new-password" minlength="10" required autofocus></label></p>
<p><label>${msg["admin.invite.repeat"]}<br><input type="password" name="repeat" id="repeat" autocomplete="new-password" minlength="10" required></label></p>
<p><button class="primary" id="set-password">${msg["admin.invite.submit"]}</button></p>
</form>
</@l.page>
