<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.account.title"]>
<p>${me} · ${msg["admin.account.role"]}: <strong id="role">${roleName}</strong></p>
<h2>${msg["admin.account.tokens"]}</h2>
<#if bootstrap>
<p class="muted">${msg["admin.account.bootstrapTokens"]}</p>
<#else>
<#if newToken?has_content><p class="secret">${msg["admin.account.newToken"]}<br><code id="new-token">${newToken}</code></p></#if>
<div class="scroll"><table>
<thead><tr><th>${msg["admin.account.tokenName"]}</th><th>${msg["admin.account.created"]}</th><th>${msg["admin.account.used"]}</th><th></th></tr></thead>
<tbody><#list tokens as t><tr><td>${t.name}</td><td>${t.created}</td><td>${t.used}</td>
<td><form method="post" action="/admin/account/tokens/${t.id?c}/revoke"><input type="hidden" name="csrf" value="${csrf}"><button class="danger" id="revoke-${t.id?c}">${msg["admin.account.revoke"]}</button></form></td></tr>
<#else><tr><td colspan="4" class="muted">${msg["admin.account.noTokens"]}</td></tr></#list></tbody>
</table></div>
<form method="post" action="/admin/account/tokens" id="create-token">
<input type="hidden" name="csrf" value="${csrf}">
<p><label>${msg["admin.account.tokenName"]}<br><input type="text" name="name" id="token-name" maxlength="100" required></label></p>
<p><button class="primary" id="create-token-button">${msg["admin.account.createToken"]}</button></p>
</form>
</#if>
<h2>${msg["admin.account.sessions"]}</h2>
<form method="post" action="/admin/account/logout-everywhere">
<input type="hidden" name="csrf" value="${csrf}">
<button id="logout-everywhere">${msg["admin.account.logoutEverywhere"]}</button>
</form>
</@l.page>
