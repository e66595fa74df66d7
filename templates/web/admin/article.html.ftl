<#import "layout.html.ftl" as l>
<@l.page title=(id == 0)?then(msg["admin.articles.new"], msg["admin.articles.edit"])>
<#if error?has_content><p class="error" id="error">${error}</p></#if>
<form method="post" action="/admin/articles<#if id != 0>/${id?c}</#if>" id="article-form">
<input type="hidden" name="csrf" value="${csrf}">
<p><label>${msg["admin.articles.titleField"]}<br><input type="text" name="title" id="title" value="${title}" required maxlength="1000"></label></p>
<p><label>${msg["admin.articles.author"]}<br><input type="text" name="author" id="author" value="${author}"></label></p>
<p><label>${msg["admin.articles.summary"]}<br><input type="text" name="summary" id="summary" value="${summary}"></label></p>
<p><label>${msg["admin.articles.body"]}<br><textarea name="body" id="body" rows="14" style="width:100%;box-sizing:border-box">${body}</textarea></label></p>
<fieldset><legend>${msg["admin.subscribers.topics"]}</legend>
<#list topics as t><label class="choice"><input type="checkbox" name="topics" value="${t.id}"<#if t.checked> checked</#if>> ${t.label}</label> </#list>
</fieldset>
<p><label>${msg["admin.articles.language"]}<br><select name="language" id="language"><#list languages as lg><option value="${lg}"<#if lg == language> selected</#if>>${lg}</option></#list></select></label></p>
<p><label>${msg["admin.articles.publishedAt"]}<br><input type="datetime-local" name="publishedAt" id="published-at" value="${publishedAt}"></label></p>
<p><button class="primary" id="save-article">${msg["admin.articles.save"]}</button></p>
</form>
<#if id != 0>
<form method="post" action="/admin/articles/${id?c}/delete"><input type="hidden" name="csrf" value="${csrf}"><button class="danger" id="delete-article">${msg["admin.articles.delete"]}</button></form>
</#if>
</@l.page>
