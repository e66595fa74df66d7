<#ftl output_format="HTML">
<#-- Layout of the public archive pages (index, topic, article). Forced to HTML output so that
     everything printed here is escaped, although the file name does not end in .html.ftl. -->
<#macro page title description="">
<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<#if description?has_content><meta name="description" content="${description}"></#if>
<#list feeds as f>
<link rel="alternate" type="${f.type}" title="${f.title}" href="${f.href}">
</#list>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0 auto;max-width:42rem;padding:1rem;line-height:1.6;color:#1f2937;font-size:1.05rem;overflow-wrap:break-word}
header{border-bottom:1px solid #e5e7eb;margin-bottom:1rem}header a.site{font-size:1.4rem;font-weight:700;color:#111827;text-decoration:none}
nav{display:flex;flex-wrap:wrap;gap:.25rem .75rem;margin:.5rem 0}a{color:#1d4ed8}
article.teaser{border-bottom:1px solid #f3f4f6;padding:.5rem 0}article.teaser h2{font-size:1.2rem;margin:.25rem 0}
.meta{color:#6b7280;font-size:.9rem}.notice{background:#fef3c7;padding:.5rem .75rem;border-radius:.375rem}
.cta{display:inline-block;background:#1d4ed8;color:#fff;padding:.5rem 1rem;border-radius:.375rem;text-decoration:none}
h1,h2,p{hyphens:auto;-webkit-hyphens:auto}img{max-width:100%;height:auto}pre{overflow-x:auto}table{display:block;overflow-x:auto}footer{margin-top:2rem;border-top:1px solid #e5e7eb;padding-top:1rem;font-size:.9rem}
</style>
</head>
<body>
<header>
<a class="site" href="/">${siteTitle}</a>
<nav aria-label="${msg["archive.topics"]}"><#list topics as t><a href="${t.url}">${t.label}</a></#list></nav>
</header>
<main>
<#if notice??><p class="notice" role="status">${msg[notice]}</p></#if>
<#nested>
</main>
<footer>
<p><a class="cta" href="/subscribe">${msg["archive.subscribe"]}</a></p>
<p>${msg["archive.feeds"]}: <#list feeds as f><a href="${f.href}" type="${f.type}">${f.title}</a><#sep> · </#list></p>
<#if (legal.imprintUrl)?has_content || (legal.privacyUrl)?has_content || (legal.postalAddress)?has_content><p class="legal"><#if (legal.imprintUrl)?has_content><a href="${legal.imprintUrl}">${msg["legal.imprint"]}</a></#if><#if (legal.imprintUrl)?has_content && (legal.privacyUrl)?has_content> · </#if><#if (legal.privacyUrl)?has_content><a href="${legal.privacyUrl}">${msg["legal.privacy"]}</a></#if><#if (legal.postalAddress)?has_content><br>${legal.postalAddress}</#if></p></#if>
</footer>
</body>
</html>
</#macro>

<#macro teasers articles>
<#list articles as a>
<article class="teaser">
<h2><a href="${a.url}">${a.title}</a></h2>
<p class="meta"><time datetime="${a.dateIso}">${a.date}</time><#if a.author?has_content> · ${msg["archive.by"]} ${a.author}</#if><#list a.topics as t><#if t?is_first> · </#if><a href="${t.url}">${t.label}</a><#sep>, </#list></p>
<#if a.summary?has_content><p>${a.summary}</p></#if>
</article>
<#else>
<p>${msg["archive.empty"]}</p>
</#list>
<#if older??><p><a href="${older}" rel="next">${msg["archive.older"]} →</a></p></#if>
</#macro>
