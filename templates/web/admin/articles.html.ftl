<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.articles.title"]>
<#if notice?has_content><p class="ok" id="notice">${notice}</p></#if>
<p><a href="/admin/articles/new" id="new-article"><button class="primary">${msg["admin.articles.new"]}</button></a></p>
<div class="scroll"><table>
<thead><tr><th>${msg["admin.articles.titleField"]}</th><th>${msg["admin.sources.source"]}</th><th>${msg["admin.articles.date"]}</th><th>${msg["admin.subscribers.topics"]}</th><th></th></tr></thead>
<tbody><#list rows as a><tr id="article-${a.id?c}">
<td><#if a.manual><a href="/admin/articles/${a.id?c}">${a.title}</a><#else><a href="/articles/${a.slug}">${a.title}</a></#if></td>
<td><#if a.manual>${msg["admin.articles.manual"]}<#else>${a.source}</#if></td><td>${a.date}<#if a.undated><br><span class="error" id="undated-${a.id?c}">${msg["admin.articles.undated"]}</span></#if></td><td>${a.topics}</td>
<td><#if a.hiddenAs?has_content><span class="muted" id="state-${a.id?c}">${a.hiddenAs}</span> <form class="inline" method="post" action="/admin/articles/${a.id?c}/show"><input type="hidden" name="csrf" value="${csrf}"><button id="show-${a.id?c}">${a.unpublished?then(msg["admin.articles.publishNow"], msg["admin.articles.show"])}</button></form>
<#else><form class="inline" method="post" action="/admin/articles/${a.id?c}/hide"><input type="hidden" name="csrf" value="${csrf}"><button id="hide-${a.id?c}">${msg["admin.articles.hide"]}</button></form></#if></td></tr>
<#else><tr><td colspan="5" class="muted">${msg["admin.articles.none"]}</td></tr></#list></tbody>
</table></div>
</@l.page>
