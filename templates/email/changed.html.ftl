<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${siteTitle}</title></head>
<body style="font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; max-width: 34rem; margin: 0 auto; padding: 1rem;">
<p>${msg["sub.mail.greeting"]}</p>
<p>${msg["sub.mail.changed.text"]?replace("{site}", siteTitle)?replace("{email}", email)}</p>
<p>${msg["sub.mail.changed.undo"]}</p>
<p><a href="${undoUrl}" style="display: inline-block; padding: 10px 18px; background: #0b5cad; color: #fff; text-decoration: none; border-radius: 4px;">${msg["sub.mail.changed.button"]}</a></p>
<p style="font-size: 14px; color: #555; word-break: break-all; overflow-wrap: anywhere;">${undoUrl}</p>
<p>${msg["sub.mail.changed.ignore"]}</p>
<hr style="border: 0; border-top: 1px solid #ccc; margin-top: 2rem;">
<p style="font-size: 13px; color: #555;"><a href="${siteUrl}/">${siteTitle}</a> · <a href="${unsubscribeUrl}">${msg["sub.link.unsubscribe"]}</a></p>
<#include "legal.html.ftl">
</body>
</html>
