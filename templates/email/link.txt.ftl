<#if name?has_content>${msg["sub.mail.greeting.name"]?replace("{name}", name)}<#else>${msg["sub.mail.greeting"]}</#if>

${msg["sub.mail.link.text"]?replace("{site}", siteTitle)}

${preferencesUrl}

${msg["sub.mail.link.revoked"]}

-- 
${siteTitle} – ${siteUrl}/
${msg["sub.link.preferences"]}: ${preferencesUrl}
${msg["sub.link.unsubscribe"]}: ${unsubscribeUrl}
<#include "legal.txt.ftl">
