<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${siteTitle}</title></head>
<body style="font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; max-width: 34rem; margin: 0 auto; padding: 1rem;">
<p><#if name?has_content>${msg["sub.mail.greeting.name"]?replace("{name}", name)}<#else>${msg["sub.mail.greeting"]}</#if></p>
<p>${msg["sub.mail.link.text"]?replace("{site}", siteTitle)}</p>
<p><a href="${preferencesUrl}" style="display: inline-block; padding: 10px 18px; background: #0b5cad; color: #fff; text-decoration: none; border-radius: 4px;">${msg["sub.link.preferences"]}</a></p>
<p>${msg["sub.mail.link.revoked"]}</p>
<hr style="border: 0; border-top: 1px solid #ccc; margin-top: 2rem;">
<p style="font-size: 13px; color: #555;"><a href="${siteUrl}/">${siteTitle}</a> · <a href="${preferencesUrl}">${msg["sub.link.preferences"]}</a> · <a href="${unsubscribeUrl}">${msg["sub.link.unsubscribe"]}</a></p>
<#include "legal.html.ftl">
</body>
</html>
