<#import "layout.html.ftl" as l>
<@l.page title=s.email>
<#if notice?has_content><p class="muted" id="notice">${notice}</p></#if>
<#list errors as e><p class="error">${e}</p></#list>
<p>${msg["admin.edition.status"]}: <strong id="member-status">${msg["admin.memberStatus." + s.status]}</strong> ·
${msg["admin.edition.cadence"]}: ${msg["admin.cadence." + s.cadence]} · ${msg["admin.language." + s.language]} · ${msg["admin.subscribers.topics"]}: ${s.topics}</p>
<p class="muted">${msg["admin.edition.created"]}: ${s.created}<#if s.confirmed?has_content> · ${msg["admin.subscribers.confirmed"]}: ${s.confirmed}</#if></p>
<h2>${msg["admin.member.edit"]}</h2>
<form method="post" action="/admin/subscribers/${s.id?c}" id="member-form">
<input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="revision" value="${revision}">
<p><label>${msg["admin.subscribers.name"]}<br><input type="text" name="name" id="name" value="${s.name}" maxlength="200"></label></p>
<#include "member-choices.html.ftl">
<p><button class="primary" id="save-member">${msg["admin.articles.save"]}</button></p>
</form>
<p><#if s.active><form class="inline" method="post" action="/admin/subscribers/${s.id?c}/unsubscribe"><input type="hidden" name="csrf" value="${csrf}"><button id="unsubscribe">${msg["admin.member.unsubscribe"]}</button></form> </#if>
<a href="/admin/subscribers/${s.id?c}/forget" id="forget">${msg["admin.member.forget"]}</a></p>
<#if bounces?has_content>
<h2>${msg["admin.member.bounces"]}</h2>
<#list bounces as b><details><summary>${b.at} · ${msg["admin.bounceKind." + b.kind]} · ${b.status} ${b.diagnostic}</summary><pre>${b.raw}</pre></details></#list>
</#if>
<h2>${msg["admin.subscribers.consent"]}</h2>
<div class="scroll"><table>
<thead><tr><th>${msg["admin.subscribers.when"]}</th><th>${msg["admin.subscribers.action"]}</th><th>${msg["admin.subscribers.origin"]}</th><th>IP</th><th>${msg["admin.subscribers.note"]}</th></tr></thead>
<tbody><#list consent as c><tr><td>${c.at}</td><td>${msg["admin.consent." + c.action]!c.action}</td><td>${msg["admin.origin." + c.origin]!c.origin}</td><td>${c.ip}</td><td>${c.note}</td></tr></#list></tbody>
</table></div>
</@l.page>
