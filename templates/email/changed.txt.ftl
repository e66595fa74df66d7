${msg["sub.mail.greeting"]}

${msg["sub.mail.changed.text"]?replace("{site}", siteTitle)?replace("{email}", email)}

${msg["sub.mail.changed.undo"]}

${undoUrl}

${msg["sub.mail.changed.ignore"]}

-- 
${siteTitle} – ${siteUrl}/
${msg["sub.link.unsubscribe"]}: ${unsubscribeUrl}
<#include "legal.txt.ftl">
