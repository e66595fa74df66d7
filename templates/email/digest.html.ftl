<#-- The digest. HTML auto-escaping is on: every ${...} is escaped. Table layout and inline styles
     because many mail clients ignore <style> and flexbox; at most 600 px wide. No hidden text (a
     preheader in display:none or in the background colour): spam filters count it against the mail.
     ${preheader} holds the first summaries for a template that shows them. -->
<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${site.title}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;">
<tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border-radius:6px;font-family:Arial,Helvetica,sans-serif;color:#1f2937;word-break:break-word;overflow-wrap:anywhere;hyphens:auto;-webkit-hyphens:auto;">
  <tr><td style="padding:20px 24px 8px 24px;font-size:12px;color:#6b7280;">
    <#if !web><a href="${edition.url}" style="color:#6b7280;">${msg["digest.webVersion"]}</a><#else>${edition.date}</#if>
  </td></tr>
  <tr><td style="padding:0 24px 8px 24px;">
    <h1 style="margin:0;font-size:22px;line-height:1.3;color:#111827;">${site.title}</h1>
    <#if recipient?has_content><p style="margin:12px 0 0 0;font-size:15px;">${msg["digest.greeting"]?replace("{name}", recipient)}</p>
    <#else><p style="margin:12px 0 0 0;font-size:15px;">${msg["digest.intro"]}</p></#if>
    <#if introHtml?has_content><div style="margin:12px 0 0 0;font-size:15px;line-height:1.5;">${introHtml?no_esc}</div></#if>
  </td></tr>
  <#list articles as a>
  <tr><td style="padding:16px 24px;border-top:1px solid #e5e7eb;">
    <h2 style="margin:0 0 4px 0;font-size:18px;line-height:1.3;"><a href="${a.url}" style="color:#1d4ed8;text-decoration:none;">${a.title}</a></h2>
    <p style="margin:0 0 8px 0;font-size:12px;color:#6b7280;">${a.date}<#if a.author?has_content> · ${msg["archive.by"]} ${a.author}</#if><#if a.topics?has_content> · ${a.topics?join(", ")}</#if></p>
    <#if a.imageUrl?has_content><img src="${a.imageUrl}" alt="${a.title}" width="552" style="display:block;width:100%;max-width:552px;height:auto;margin:0 0 8px 0;border:0;"></#if>
    <#if a.summary?has_content><p style="margin:0 0 8px 0;font-size:15px;line-height:1.5;">${a.summary}</p></#if>
    <p style="margin:0;font-size:14px;"><a href="${a.url}" style="color:#1d4ed8;">${msg["digest.readMore"]} →</a></p>
  </td></tr>
  </#list>
  <#if more?has_content>
  <tr><td style="padding:16px 24px;border-top:1px solid #e5e7eb;">
    <h3 style="margin:0 0 8px 0;font-size:15px;">${msg["digest.more"]}</h3>
    <ul style="margin:0;padding-left:20px;font-size:14px;line-height:1.6;">
      <#list more as m><li><a href="${m.url}" style="color:#1d4ed8;">${m.title}</a></li></#list>
    </ul>
  </td></tr>
  </#if>
  <tr><td style="padding:16px 24px 24px 24px;border-top:1px solid #e5e7eb;font-size:12px;line-height:1.6;color:#6b7280;">
    <#if web>
      <a href="${preferencesUrl}" style="color:#6b7280;">${msg["digest.subscribe"]}</a>
    <#else>
      ${msg["digest.why"]?replace("{site}", site.title)}<br>
      <a href="${preferencesUrl}" style="color:#6b7280;">${msg["digest.preferences"]}</a> ·
      <a href="${unsubscribeUrl}" style="color:#6b7280;">${msg["digest.unsubscribe"]}</a>
    </#if>
    <#include "legal.html.ftl">
  </td></tr>
</table>
</td></tr>
</table>
</body>
</html>
