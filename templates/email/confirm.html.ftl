<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${siteTitle}</title></head>
<body style="font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; max-width: 34rem; margin: 0 auto; padding: 1rem;">
<p><#if name?has_content>${msg["sub.mail.greeting.name"]?replace("{name}", name)}<#else>${msg["sub.mail.greeting"]}</#if></p>
<#if emailChange><p>${msg["sub.mail.confirm.change"]?replace("{site}", siteTitle)?replace("{email}", email)}</p><#else><p>${msg["sub.mail.confirm.text"]?replace("{site}", siteTitle)}</p></#if>
<p><a href="${confirmUrl}" style="display: inline-block; padding: 10px 18px; background: #0b5cad; color: #fff; text-decoration: none; border-radius: 4px;">${msg["sub.mail.confirm.button"]}</a></p>
<p style="font-size: 14px; color: #555; word-break: break-all; overflow-wrap: anywhere;">${confirmUrl}</p>
<p>${msg["sub.mail.confirm.ignore"]}</p>
<hr style="border: 0; border-top: 1px solid #ccc; margin-top: 2rem;">
<p style="font-size: 13px; color: #555;"><a href="${siteUrl}/">${siteTitle}</a> · <#if preferencesUrl?has_content><a href="${preferencesUrl}">${msg["sub.link.preferences"]}</a> · </#if><a href="${unsubscribeUrl}">${msg["sub.link.unsubscribe"]}</a></p>
</body>
</html>
