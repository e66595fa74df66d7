<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.edition.title"] + " " + e.id?c refresh=refresh?then(2, 0)>
<p>${msg["admin.edition.cadence"]}: ${e.cadence}<#if e.topic?has_content> (${e.topic})</#if> ·
${msg["admin.edition.status"]}: <strong id="status">${e.status}</strong> · ${msg["admin.edition.created"]}: ${e.created}</p>
<p><progress max="100" value="${e.percent?c}"></progress>
<span id="progress">${e.percent?c}%</span> – ${e.sent?c} ${msg["admin.edition.sent"]}, ${e.failed?c} ${msg["admin.edition.failed"]}, ${e.total?c} ${msg["admin.edition.total"]}</p>
<p>
<#if sendable><a href="/admin/editions/${e.id?c}/confirm" id="send-now"><button class="primary">${msg["admin.edition.sendNow"]}</button></a></#if>
<#if publisher && e.status == "sending"><form class="inline" method="post" action="/admin/editions/${e.id?c}/pause"><input type="hidden" name="csrf" value="${csrf}"><button>${msg["admin.edition.pause"]}</button></form></#if>
<#if publisher && (e.status == "sending" || e.status == "paused")><form class="inline" method="post" action="/admin/editions/${e.id?c}/cancel"><input type="hidden" name="csrf" value="${csrf}"><button class="danger">${msg["admin.edition.cancel"]}</button></form></#if>
</p>
<#if subject?has_content>
<h2>${msg["admin.edition.preview"]}</h2>
<p>${msg["admin.edition.subject"]}: <strong id="subject">${subject}</strong><br><span class="muted">${msg["admin.edition.previewFor"]} ${to}</span></p>
<iframe src="/admin/editions/${e.id?c}/preview" title="${msg["admin.edition.preview"]}" sandbox></iframe>
<details><summary>${msg["admin.edition.textPart"]}</summary><pre>${text}</pre></details>
<#else><p class="muted">${msg["admin.edition.noPreview"]}</p></#if>
</@l.page>
