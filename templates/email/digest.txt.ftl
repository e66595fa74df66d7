<#-- Plain-text part: wrapped at 72 columns after rendering; links listed after each article. -->
${site.title}
<#if recipient?has_content>

${msg["digest.greeting"]?replace("{name}", recipient)}
</#if>
<#if introMarkdown?has_content>

${introMarkdown}
</#if>
<#list articles as a>

${"="?left_pad(72, "=")}
${a.title}
${a.date}<#if a.author?has_content> · ${msg["archive.by"]} ${a.author}</#if>
<#if a.summary?has_content>

${a.summary}
</#if>

${msg["digest.readMore"]}: ${a.url}
</#list>
<#if more?has_content>

${msg["digest.more"]}
<#list more as m>
- ${m.title}
  ${m.url}
</#list>
</#if>

-- 
${msg["digest.webVersion"]}: ${edition.url}
${msg["digest.preferences"]}: ${preferencesUrl}
${msg["digest.unsubscribe"]}: ${unsubscribeUrl}
<#include "legal.txt.ftl">
