<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.media.title"]>
<#if error?has_content><p class="error" id="error">${error}</p>
<#else>
<p>${msg["admin.media.done"]}</p>
<pre id="snippet">![${msg["admin.media.alt"]}](/media/${name})</pre>
<p><img src="/media/${name}" alt="" style="max-width:100%" id="uploaded"></p>
</#if>
<p><a href="/admin/articles">${msg["admin.articles.title"]}</a></p>
</@l.page>
