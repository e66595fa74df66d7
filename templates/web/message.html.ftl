<#import "layout.ftl" as l>
<#-- One short message page: results, friendly errors (bad link, too many requests). -->
<@l.page title=msg["sub.page." + key + ".title"]>
<p>${msg["sub.page." + key + ".text"]}</p>
<#if extra?has_content><p>${msg["sub.page." + extra]}</p></#if>
<#if linkUrl?has_content><p><a href="${linkUrl}">${msg[linkText]}</a></p></#if>
</@l.page>
