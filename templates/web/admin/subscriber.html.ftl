<#import "layout.html.ftl" as l>
<@l.page title=s.email>
<p>${msg["admin.subscribers.name"]}: ${s.name} · ${msg["admin.edition.status"]}: <strong>${s.status}</strong> ·
${msg["admin.edition.cadence"]}: ${s.cadence} · ${s.language} · ${msg["admin.subscribers.topics"]}: ${s.topics}</p>
<p class="muted">${msg["admin.edition.created"]}: ${s.created}<#if s.confirmed?has_content> · ${msg["admin.subscribers.confirmed"]}: ${s.confirmed}</#if></p>
<h2>${msg["admin.subscribers.consent"]}</h2>
<div class="scroll"><table>
<thead><tr><th>${msg["admin.subscribers.when"]}</th><th>${msg["admin.subscribers.action"]}</th><th>${msg["admin.subscribers.origin"]}</th><th>IP</th><th>${msg["admin.subscribers.note"]}</th></tr></thead>
<tbody><#list consent as c><tr><td>${c.at}</td><td>${c.action}</td><td>${c.origin}</td><td>${c.ip}</td><td>${c.note}</td></tr></#list></tbody>
</table></div>
<h2>${msg["admin.subscribers.bounces"]}</h2>
<#if bounces?has_content>
<div class="scroll"><table id="bounces">
<thead><tr><th>${msg["admin.subscribers.when"]}</th><th>${msg["admin.subscribers.bounceKind"]}</th><th>Status</th><th>${msg["admin.subscribers.diagnostic"]}</th></tr></thead>
<tbody><#list bounces as b><tr><td>${b.at}</td><td>${msg["admin.subscribers.bounceKind." + b.kind]!b.kind}</td><td>${b.status}</td><td>${b.diagnostic}
<details><summary>${msg["admin.subscribers.rawReport"]}</summary><pre>${b.raw}</pre></details></td></tr></#list></tbody>
</table></div>
<#else>
<p class="muted">${msg["admin.subscribers.noBounces"]}</p>
</#if>
</@l.page>
