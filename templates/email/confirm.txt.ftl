<#if name?has_content>${msg["sub.mail.greeting.name"]?replace("{name}", name)}<#else>${msg["sub.mail.greeting"]}</#if>

<#if emailChange>${msg["sub.mail.confirm.change"]?replace("{site}", siteTitle)?replace("{email}", email)}<#else>${msg["sub.mail.confirm.text"]?replace("{site}", siteTitle)}</#if>

${confirmUrl}

${msg["sub.mail.confirm.ignore"]}

-- 
${siteTitle} – ${siteUrl}/
<#if preferencesUrl?has_content>${msg["sub.link.preferences"]}: ${preferencesUrl}
</#if>${msg["sub.link.unsubscribe"]}: ${unsubscribeUrl}
