<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.suppressions.title"]>
<#if notice?has_content><p class="muted" id="notice">${notice}</p></#if>
<p class="muted" id="counts"><#list counts as reason, n>${msg["admin.suppressionReason." + reason]!reason}: ${n?c}<#sep> · </#list><#if !counts?has_content>${msg["admin.suppressions.none"]}</#if></p>
<h2>${msg["admin.suppressions.lift"]}</h2>
<#if error?has_content><p class="error" id="error">${error}</p></#if>
<form method="post" action="/admin/suppressions/lift" id="lift-form">
<input type="hidden" name="csrf" value="${csrf}">
<p class="muted">${msg["admin.suppressions.liftHelp"]}</p>
<p><label>${msg["admin.subscribers.email"]}<br><input type="email" name="email" id="lift-email" value="${email}" required></label></p>
<p><label>${msg["admin.suppressions.note"]}<br><input type="text" name="note" id="lift-note" required maxlength="1000"></label></p>
<p><button class="primary" id="lift">${msg["admin.suppressions.liftButton"]}</button></p>
</form>
<h2>${msg["admin.suppressions.bounced"]}</h2>
<div class="scroll"><table id="bounced">
<thead><tr><th>${msg["admin.subscribers.email"]}</th><th>${msg["admin.suppressions.reason"]}</th><th>${msg["admin.subscribers.when"]}</th><th>${msg["admin.suppressions.diagnostic"]}</th><th></th></tr></thead>
<tbody><#list rows as r><tr><td><a href="/admin/subscribers/${r.id?c}">${r.email}</a></td><td>${msg["admin.memberStatus." + r.status]}</td><td>${r.since}</td><td>${r.diagnostic}</td>
<td><#if r.suppressed>${msg["admin.suppressions.active"]}<#else>${msg["admin.suppressions.lifted"]}</#if></td></tr>
<#else><tr><td colspan="5" class="muted">${msg["admin.suppressions.noBounces"]}</td></tr></#list></tbody>
</table></div>
<#if next gte 0><p><a href="/admin/suppressions?before=${next?c}" id="next">${msg["admin.subscribers.more"]}</a></p></#if>
</@l.page>
