<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.users.title"]>
<#if link?has_content><p class="secret">${msg["admin.users.link"]?replace("{email}", linkFor)?replace("{expires}", linkExpires)}<br><code id="invitation">${link}</code></p></#if>
<div class="scroll"><table>
<thead><tr><th>${msg["admin.subscribers.email"]}</th><th>${msg["admin.subscribers.name"]}</th><th>${msg["admin.users.role"]}</th><th>${msg["admin.edition.status"]}</th><th></th></tr></thead>
<tbody><#list rows as u><tr id="user-${u.id?c}"><td>${u.email}</td><td>${u.name}</td><td>${u.role}</td>
<td>${u.active?then(msg["admin.users.active"], msg["admin.users.invited"])}</td>
<td><form class="inline" method="post" action="/admin/users/${u.id?c}/reset"><input type="hidden" name="csrf" value="${csrf}"><button>${msg["admin.users.reset"]}</button></form>
<form class="inline" method="post" action="/admin/users/${u.id?c}/remove"><input type="hidden" name="csrf" value="${csrf}"><button class="danger">${msg["admin.users.remove"]}</button></form></td></tr>
<#else><tr><td colspan="5" class="muted">${msg["admin.users.none"]}</td></tr></#list></tbody>
</table></div>
<h2>${msg["admin.users.invite"]}</h2>
<form method="post" action="/admin/users" id="invite-user">
<input type="hidden" name="csrf" value="${csrf}">
<p><label>${msg["admin.subscribers.email"]}<br><input type="email" name="email" id="invite-email" required></label></p>
<p><label>${msg["admin.subscribers.name"]}<br><input type="text" name="name" id="invite-name"></label></p>
<p><label>${msg["admin.users.role"]}<br><select name="role" id="invite-role"><#list roles as r><option value="${r.id}">${r.label}</option></#list></select></label></p>
<p><button class="primary" id="invite-button">${msg["admin.users.inviteButton"]}</button></p>
</form>
</@l.page>
