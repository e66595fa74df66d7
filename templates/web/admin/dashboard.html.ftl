<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.nav.dashboard"]>
<@l.smtpOutage o=outage/>
<#if clockNote?has_content><p class="error" id="clock-note" role="alert">${clockNote}</p></#if>
<#if notice?has_content><p class="muted" id="notice">${notice}</p></#if>
<#list waiting as w><p class="notice" id="waiting-${w.id?c}">${msg["admin.editions.waiting"]?replace("{id}", w.id?c)?replace("{by}", w.by)} <a href="/admin/editions/${w.id?c}">${msg["admin.editions.holding.open"]}</a></p></#list>
<#list holding as h><p class="notice" id="holding-${h.id?c}">${msg["admin.editions.holding"]?replace("{cadence}", msg["admin.cadence." + h.cadence] + h.topic?has_content?then(", " + h.topic, ""))?replace("{id}", h.id?c)} <a href="/admin/editions/${h.id?c}">${msg["admin.editions.holding.open"]}</a></p></#list>
<div class="cards">
<div class="card">${msg["admin.stats.subscribers"]}<b id="count-total">${stats.total?c}</b></div>
<#list stats.byStatus as status, count><div class="card">${msg["admin.memberStatus." + status]}<b>${count?c}</b></div></#list>
<div class="card">${msg["admin.stats.failed"]}<b>${stats.failed?c}</b></div>
</div>
<#if stats.byCadence?has_content><p class="muted">${msg["admin.stats.byCadence"]}: <#list stats.byCadence as c, n>${msg["admin.cadence." + c]} ${n?c}<#sep>, </#list></p></#if>
<#if outbox?has_content><p id="outbox-line"<#if outbox.troubled> class="error"<#else> class="muted"</#if>><a href="/admin/outbox">${msg["admin.outbox.dashboard"]?replace("{waiting}", outbox.waiting?c)?replace("{failed}", outbox.failed?c)}</a></p></#if>
<#if stats.sentPerDay?has_content><p class="muted">${msg["admin.stats.sentPerDay"]}: <#list stats.sentPerDay as d>${d.day} ${d.count?c}<#sep>, </#list></p></#if>
<#if stats.countedAt?has_content><p class="muted" id="counted-at">${msg["admin.stats.countedAt"]?replace("{time}", stats.countedAt)}</p></#if>

<h2>${msg["admin.editions.title"]}</h2>
<form method="post" action="/admin/editions" id="create-edition">
<input type="hidden" name="csrf" value="${csrf}">
<select name="cadence" id="cadence"><#list cadences as c><option value="${c}">${msg["admin.cadence." + c]}</option></#list></select>
<button class="primary" id="create">${msg["admin.editions.create"]}</button>
</form>
<#if firstIssue?has_content>
<form method="post" action="/admin/editions" id="first-issue" class="notice">
<input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="cadence" value="${firstIssue.cadence}">
<p id="first-issue-why">${msg["admin.firstIssue.why"]?replace("{articles}", firstIssue.articles?c)?replace("{newcomers}", firstIssue.newcomers?c)}</p>
<p><label for="first-issue-days">${msg["admin.firstIssue.before"]}</label>
<input type="number" name="includeRecentDays" id="first-issue-days" min="1" max="${firstIssue.maxDays?c}" value="${firstIssue.days?c}" style="width:4.5em">
${msg["admin.firstIssue.after"]}
<button class="primary" id="create-first-issue">${msg["admin.firstIssue.create"]}</button></p>
<p class="muted">${msg["admin.firstIssue.once"]}</p>
</form>
</#if>
<div class="scroll"><table>
<thead><tr><th>#</th><th>${msg["admin.edition.cadence"]}</th><th>${msg["admin.edition.status"]}</th><th>${msg["admin.edition.progress"]}</th><th>${msg["admin.edition.created"]}</th></tr></thead>
<tbody>
<#list editions as e>
<tr><td><a href="/admin/editions/${e.id?c}">${e.id?c}</a></td><td>${msg["admin.cadence." + e.cadence]}<#if e.topic?has_content> (${e.topic})</#if></td>
<td>${msg["admin.editionStatus." + e.status]}</td><td><progress max="100" value="${e.percent?c}"></progress> ${e.percent?c}% (${e.sent?c}/${e.total?c})</td><td>${e.created}</td></tr>
<#else><tr><td colspan="5" class="muted">${msg["admin.editions.none"]}</td></tr>
</#list>
</tbody></table></div>

<h2>${msg["admin.jobs.title"]}</h2>
<div class="scroll"><table>
<thead><tr><th>${msg["admin.jobs.name"]}</th><th>${msg["admin.jobs.cron"]}</th><th>${msg["admin.jobs.previous"]}</th><th>${msg["admin.jobs.next"]}</th><th></th></tr></thead>
<tbody><#list jobs as j><tr><td>${msg["admin.job." + j.name]!j.name}</td><td><#if j.cron == "off">${msg["admin.jobs.off"]}<#else><code>${j.cron}</code></#if></td><td>${j.previous}</td><td>${j.next}</td>
<td><form method="post" action="/admin/jobs/${j.name}/run"><input type="hidden" name="csrf" value="${csrf}"><button>${msg["admin.jobs.run"]}</button></form></td></tr></#list></tbody>
</table></div>
</@l.page>
