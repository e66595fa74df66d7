<#-- One article. contentHtml was sanitized (allow-list) when it was collected: the only unescaped output. -->
<#import "archive-layout.ftl" as layout>
<@layout.page title=article.title + " – " + siteTitle description=article.summary>
<article>
<h1>${article.title}</h1>
<p class="meta"><time datetime="${article.dateIso}">${article.date}</time><#if article.author?has_content> · ${msg["archive.by"]} ${article.author}</#if><#list article.topics as t><#if t?is_first> · </#if><a href="${t.url}">${t.label}</a><#sep>, </#list></p>
<#if article.image?has_content><p><img src="${article.image}" alt=""></p></#if>
<#if article.contentHtml?has_content>${article.contentHtml?no_esc}<#elseif article.summary?has_content><p>${article.summary}</p></#if>
<#if article.source?has_content><p><a href="${article.source}" rel="noopener">${msg["archive.source"]}</a></p></#if>
</article>
<p><a href="/">← ${msg["archive.back"]}</a></p>
</@layout.page>
