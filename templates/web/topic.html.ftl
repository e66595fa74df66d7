<#-- One topic: its newest articles and its feeds. -->
<#import "archive-layout.ftl" as layout>
<@layout.page title=topic.label + " – " + siteTitle>
<h1>${topic.label}</h1>
<@layout.teasers articles=articles/>
</@layout.page>
