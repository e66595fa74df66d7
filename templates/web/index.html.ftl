<#-- Archive index: newest articles, sent editions, feeds, subscribe. -->
<#import "archive-layout.ftl" as layout>
<@layout.page title=siteTitle description=msg["archive.intro"]>
<h1>${msg["archive.recent"]}</h1>
<p><a href="/subscribe">${msg["archive.subscribeText"]}</a></p>
<@layout.teasers articles=articles/>
<#if editions?has_content>
<h2>${msg["archive.editions"]}</h2>
<ul>
<#list editions as e><li><a href="${e.url}">${e.date}</a> – ${msg["archive.edition." + e.cadence]!e.cadence}</li></#list>
</ul>
</#if>
</@layout.page>
