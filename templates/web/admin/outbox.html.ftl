<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.outbox.title"]>
<@l.smtpOutage o=outage link=false/>
<#if notice?has_content><p class="ok" id="notice">${notice}</p></#if>
<p class="muted">${msg["admin.outbox.help"]}</p>
<p id="outbox-counts">${msg["admin.outbox.waiting"]}: <strong id="waiting-count">${waiting?c}</strong> · ${msg["admin.outbox.failedToday"]}: <strong>${failedToday?c}</strong></p>
<#if waiting gt 0>
<form method="post" action="/admin/outbox/retry" id="retry-form">
<input type="hidden" name="csrf" value="${csrf}">
<button class="primary" id="retry-now">${msg["admin.outbox.retryNow"]}</button> <span class="muted">${msg["admin.outbox.retryNowHelp"]}</span>
</form>
</#if>
<h2>${msg["admin.outbox.byKind"]}</h2>
<div class="scroll"><table id="kinds">
<thead><tr><th>${msg["admin.outbox.kind"]}</th><th>${msg["admin.outbox.count"]}</th><th>${msg["admin.outbox.oldest"]}</th><th>${msg["admin.outbox.nextTry"]}</th><th>${msg["admin.outbox.lastError"]}</th></tr></thead>
<tbody><#list kinds as k><tr><td>${k.kind}</td><td>${k.waiting?c}</td><td>${k.oldest}</td><td>${k.next}</td>
<td><#if k.error?has_content><span class="error">${k.error}</span><br><span class="muted">${k.errorAt}</span></#if></td></tr>
<#else><tr><td colspan="5" class="muted">${msg["admin.outbox.nothingWaits"]}</td></tr></#list></tbody>
</table></div>
<h2>${msg["admin.outbox.unsent"]}</h2>
<div class="scroll"><table id="unsent">
<thead><tr><th>${msg["admin.outbox.recipient"]}</th><th>${msg["admin.outbox.kind"]}</th><th>${msg["admin.outbox.status"]}</th><th>${msg["admin.outbox.tries"]}</th><th>${msg["admin.outbox.lastError"]}</th><th>${msg["admin.outbox.nextTry"]}</th></tr></thead>
<tbody><#list rows as r><tr id="mail-${r.id?c}"><td><a href="/admin/subscribers/${r.member?c}">${r.recipient}</a></td><td>${r.kind}</td>
<td>${msg["admin.outbox.status." + r.status]}</td><td>${r.attempts?c}</td>
<td><#if r.error?has_content><span class="error">${r.error}</span><br><span class="muted">${r.errorAt}</span></#if></td><td>${r.next}</td></tr>
<#else><tr><td colspan="6" class="muted">${msg["admin.outbox.noneUnsent"]}</td></tr></#list></tbody>
</table></div>
<#if next gte 0><p><a href="/admin/outbox?before=${next?c}" id="next">${msg["admin.subscribers.more"]}</a></p></#if>
</@l.page>
