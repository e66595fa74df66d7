<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.edition.title"] + " " + e.id?c refresh=refresh?then(2, 0)>
<@l.smtpOutage o=outage/>
<#if notice?has_content><p class="ok" id="notice">${notice}</p></#if>
<#if error?has_content><p class="error" id="error" role="alert">${error}</p></#if>
<p>${msg["admin.edition.cadence"]}: ${msg["admin.cadence." + e.cadence]}<#if e.topic?has_content> (${e.topic})</#if> ·
${msg["admin.edition.status"]}: <strong id="status">${msg["admin.editionStatus." + e.status]}</strong> · ${msg["admin.edition.created"]}: ${e.created}
<#if draftedBy?has_content> · ${msg["admin.edition.draftedBy"]} ${draftedBy}</#if></p>
<#if waiting><p class="notice" id="waiting">${msg["admin.edition.waiting"]}</p></#if>
<#if approvedBy?has_content><p class="ok" id="approved">${msg["admin.edition.approvedBy"]} ${approvedBy}</p></#if>
<p><progress max="100" value="${e.percent?c}"></progress>
<span id="progress">${e.percent?c}%</span> – ${e.sent?c} ${msg["admin.edition.sent"]}, ${e.failed?c} ${msg["admin.edition.failed"]}, ${e.total?c} ${msg["admin.edition.total"]}</p>
<#if e.smtpError?has_content>
<p class="error" id="smtp-error">${msg["admin.edition.smtpError"]} (${e.smtpErrorAt}): ${e.smtpError}<#if e.nextRetry?has_content><br>
<span id="next-retry">${msg["admin.edition.nextRetry"]}: ${e.nextRetry}</span><#if sendable> · ${msg["admin.edition.retryNowHint"]}</#if></#if></p>
</#if>
<p>
<#if mayApprove><form class="inline" method="post" action="/admin/editions/${e.id?c}/approve"><input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="revision" value="${textsRevision}"><button class="primary" id="approve">${msg["admin.edition.approve"]}</button></form></#if>
<#if sendable><a href="/admin/editions/${e.id?c}/confirm?revision=${textsRevision}" id="send-now"><button class="primary">${msg["admin.edition.sendNow"]}</button></a></#if>
<#if mayTest && (e.status == "paused" || e.status == "sending")><form class="inline" method="post" action="/admin/editions/${e.id?c}/test"><input type="hidden" name="csrf" value="${csrf}"><button id="test-send">${msg["admin.edition.testSend"]}</button></form></#if>
<#if publisher && e.status == "sending"><form class="inline" method="post" action="/admin/editions/${e.id?c}/pause"><input type="hidden" name="csrf" value="${csrf}"><button>${msg["admin.edition.pause"]}</button></form></#if>
<#if publisher && (e.status == "sending" || e.status == "paused")><form class="inline" method="post" action="/admin/editions/${e.id?c}/cancel"><input type="hidden" name="csrf" value="${csrf}"><button class="danger">${msg["admin.edition.cancel"]}</button></form></#if>
</p>
<#if editable>
<details id="texts"<#if ownSubject?has_content || intro?has_content || notSaved?has_content> open</#if>><summary>${msg["admin.edition.texts"]}</summary>
<#if notSaved?has_content><div id="texts-not-saved" style="border:1px solid #e5e7eb;padding:8px 12px"><p class="error" role="alert">${notSaved.why}</p>
<p><b>${notSaved.subject}</b></p><pre style="white-space:pre-wrap;overflow-wrap:anywhere;font:inherit">${notSaved.intro}</pre></div></#if>
<form method="post" action="/admin/editions/${e.id?c}/texts" id="texts-form">
<input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="revision" value="${textsRevision}">
<p><label>${msg["admin.edition.ownSubject"]}<br><input type="text" name="subject" id="own-subject" maxlength="200" value="${ownSubject}"></label></p>
<p><label>${msg["admin.edition.intro"]}<br><textarea name="intro" id="intro" rows="6" style="width:100%;box-sizing:border-box">${intro}</textarea></label></p>
<p><button id="save-texts">${msg["admin.edition.saveTexts"]}</button></p>
</form>
</details>
</#if>
<h2>${msg["admin.edition.preview"]}</h2>
<form method="get" action="/admin/editions/${e.id?c}" id="preview-as">
<label>${msg["admin.edition.previewAs"]}<br><input type="email" name="as" id="as" value="${asEmail}" placeholder="name@example.org"></label>
<button id="preview-as-button">${msg["admin.edition.previewAsButton"]}</button>
</form>
<#if subject?has_content>
<p>${msg["admin.edition.subject"]}: <strong id="subject">${subject}</strong><br><span class="muted">${msg["admin.edition.previewFor"]} <span id="preview-to">${to}</span></span></p>
<iframe src="/admin/editions/${e.id?c}/preview<#if asEmail?has_content>?as=${asEmail?url}</#if>" title="${msg["admin.edition.preview"]}" sandbox></iframe>
<details><summary>${msg["admin.edition.textPart"]}</summary><pre>${text}</pre></details>
<#elseif asMissing><p class="error" id="no-such-member">${msg["admin.edition.noMessageFor"]?replace("{email}", asEmail)}</p>
<#else><p class="muted">${msg["admin.edition.noPreview"]}</p></#if>
</@l.page>
