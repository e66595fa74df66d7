<#-- Demo mailbox: what the embedded mail catcher received, in the site's language. On a phone each message is a block, not a table row. -->
<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${msg["mailbox.title"]}</title>
<style>
body{font-family:system-ui,Arial,sans-serif;margin:0 auto;max-width:960px;padding:16px;color:#1f2937}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:8px;border-bottom:1px solid #e5e7eb;vertical-align:top}
th{background:#f3f4f6}td{overflow-wrap:anywhere}a{color:#1d4ed8}.empty{color:#6b7280}
@media (max-width:600px){thead{display:none}table,tbody,tr,td{display:block}tr{border-bottom:1px solid #e5e7eb;padding:6px 0}
td{border:0;padding:2px 0}td::before{content:attr(data-label) ": ";font-weight:600}}
</style></head>
<body>
<h1>${msg["mailbox.title"]}</h1>
<p>${msg["mailbox.intro"]}</p>
<#if messages?has_content>
<table>
<thead><tr><th>${msg["mailbox.date"]}</th><th>${msg["mailbox.to"]}</th><th>${msg["mailbox.subject"]}</th><th>${msg["mailbox.parts"]}</th></tr></thead>
<tbody>
<#list messages as m>
<tr><td data-label="${msg["mailbox.date"]}">${m.date}</td><td data-label="${msg["mailbox.to"]}">${m.to}</td><td data-label="${msg["mailbox.subject"]}">${m.subject}</td>
<td data-label="${msg["mailbox.parts"]}"><a href="/dev/mailbox/${m.index?c}/html">${msg["mailbox.html"]}</a> · <a href="/dev/mailbox/${m.index?c}/text">${msg["mailbox.text"]}</a></td></tr>
</#list>
</tbody></table>
<#else><p class="empty">${msg["mailbox.none"]}</p></#if>
</body></html>
