<#if name?has_content>${msg["sub.mail.greeting.name"]?replace("{name}", name)}<#else>${msg["sub.mail.greeting"]}</#if>

${msg["sub.mail.goodbye.text"]?replace("{site}", siteTitle)}

-- 
${siteTitle} – ${siteUrl}/
${msg["sub.link.preferences"]}: ${preferencesUrl}
${msg["sub.link.unsubscribe"]}: ${unsubscribeUrl}
<#include "legal.txt.ftl">
