<#-- Demo mailbox: what the embedded mail catcher received. -->
<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mailbox (demo)</title>
<style>
body{font-family:system-ui,Arial,sans-serif;margin:0 auto;max-width:960px;padding:16px;color:#1f2937}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:8px;border-bottom:1px solid #e5e7eb;vertical-align:top}
th{background:#f3f4f6}td{overflow-wrap:anywhere}a{color:#1d4ed8}.empty{color:#6b7280}
</style></head>
<body>
<h1>Mailbox (demo)</h1>
<p>Every message rundbrief sent in this demo, caught by the embedded SMTP server. Newest first.</p>
<#if messages?has_content>
<div style="overflow-x:auto"><table>
<thead><tr><th>Date</th><th>To</th><th>Subject</th><th>Parts</th></tr></thead>
<tbody>
<#list messages as m>
<tr><td>${m.date}</td><td>${m.to}</td><td>${m.subject}</td>
<td><a href="/dev/mailbox/${m.index?c}/html">HTML</a> · <a href="/dev/mailbox/${m.index?c}/text">Text</a></td></tr>
</#list>
</tbody></table></div>
<#else><p class="empty">No messages yet.</p></#if>
</body></html>
