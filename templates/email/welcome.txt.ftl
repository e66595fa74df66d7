<#if name?has_content>${msg["sub.mail.greeting.name"]?replace("{name}", name)}<#else>${msg["sub.mail.greeting"]}</#if>

${msg["sub.mail.welcome.text"]?replace("{site}", siteTitle)?replace("{when}", msg["sub.mail.welcome.when." + cadence]!"")}

-- 
${siteTitle} – ${siteUrl}/
${msg["sub.link.preferences"]}: ${preferencesUrl}
${msg["sub.link.unsubscribe"]}: ${unsubscribeUrl}
<#include "legal.txt.ftl">
