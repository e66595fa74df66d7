<#-- Admin page frame: phone-first, no JavaScript. Every page passes its title; logged-in pages show the menu. -->
<#macro page title nav=true refresh=0>
<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<#if refresh gt 0><meta http-equiv="refresh" content="${refresh?c}"></#if>
<title>${title} – ${site}</title>
<style>
body{font-family:system-ui,Arial,sans-serif;margin:0 auto;max-width:960px;padding:12px;color:#1f2937;line-height:1.4}
header{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;border-bottom:1px solid #e5e7eb;padding-bottom:8px;margin-bottom:12px}
header a{color:#1d4ed8;text-decoration:none}header form{margin-left:auto}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px;border-bottom:1px solid #e5e7eb;vertical-align:top}
th{background:#f3f4f6}.scroll{overflow-x:auto}.muted{color:#6b7280}.error{color:#b91c1c}.ok{color:#047857}
.notice{background:#fef3c7;border-left:4px solid #d97706;padding:8px 12px}
.alarm{background:#b91c1c;color:#fff;padding:10px 12px;border-radius:4px;overflow-wrap:anywhere}.alarm a{color:#fff;font-weight:bold}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px}.card{border:1px solid #e5e7eb;border-radius:6px;padding:8px}
.card b{display:block;font-size:1.6em}button,select,input{font-size:1em;padding:6px 10px}button.danger{background:#b91c1c;color:#fff;border:0;border-radius:4px}
button.primary{background:#1d4ed8;color:#fff;border:0;border-radius:4px}progress{width:100%;height:1.2em}
iframe{width:100%;height:70vh;border:1px solid #e5e7eb}pre{white-space:pre-wrap;background:#f9fafb;padding:8px}
.inline{display:inline}.choice{display:inline-block;white-space:nowrap;margin-right:.6em}.secret{word-break:break-all;background:#ecfdf5;border-left:4px solid #047857;padding:8px 12px}
input[type=email],input[type=password],input[type=text]{width:100%;max-width:28em;box-sizing:border-box}
input,select,textarea{max-width:100%;box-sizing:border-box}
</style></head>
<body>
<#if nav>
<header><strong>${site}</strong>
<a href="/admin">${msg["admin.nav.dashboard"]}</a><#if role != "editor"><a href="/admin/subscribers">${msg["admin.nav.subscribers"]}</a><a href="/admin/suppressions">${msg["admin.nav.suppressions"]}</a><a href="/admin/outbox">${msg["admin.nav.outbox"]}</a></#if>
<a href="/admin/articles">${msg["admin.nav.articles"]}</a><a href="/admin/sources">${msg["admin.nav.sources"]}</a>
<#if role == "admin"><a href="/admin/users">${msg["admin.nav.users"]}</a></#if>
<a href="/admin/account" id="account">${me}</a>
<form method="post" action="/admin/logout"><input type="hidden" name="csrf" value="${csrf}"><button>${msg["admin.nav.logout"]}</button></form>
</header>
</#if>
<h1>${title}</h1>
<#nested>
</body></html>
</#macro>
<#-- The red bar of an SMTP outage this node waits out (AdminPages.outageBar), with a link to the outbox page; nothing when o is empty. -->
<#macro smtpOutage o link=true>
<#if o?has_content><p class="alarm" id="smtp-outage" role="alert">${msg["admin.outage.text"]?replace("{since}", o.since)?replace("{error}", o.error)?replace("{next}", o.next)}<#if o.waiting == 1> ${msg["admin.outage.waitingOne"]}<#elseif o.waiting gt 1> ${msg["admin.outage.waiting"]?replace("{n}", o.waiting?c)}</#if><#if link && role != "editor"> <a href="/admin/outbox" id="smtp-outage-outbox">${msg["admin.outage.outbox"]}</a></#if></p></#if>
</#macro>
