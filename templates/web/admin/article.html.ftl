<#import "layout.html.ftl" as l>
<@l.page title=(id == 0)?then(msg["admin.articles.new"], msg["admin.articles.edit"])>
<#if error?has_content><p class="error" id="error">${error}</p></#if>
<form method="post" action="/admin/articles<#if id != 0>/${id?c}</#if>" id="article-form">
<input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="id" value="${id?c}">
<#if revision?has_content><input type="hidden" name="revision" value="${revision}"></#if>
<p><label>${msg["admin.articles.titleField"]}<br><input type="text" name="title" id="title" value="${title}" required maxlength="1000"></label></p>
<p><label>${msg["admin.articles.author"]}<br><input type="text" name="author" id="author" value="${author}"></label></p>
<p><label>${msg["admin.articles.summary"]}<br><input type="text" name="summary" id="summary" value="${summary}"></label></p>
<p><label>${msg["admin.articles.body"]}<br><textarea name="body" id="body" rows="14" style="width:100%;box-sizing:border-box">${body}</textarea></label></p>
<fieldset><legend>${msg["admin.subscribers.topics"]}</legend>
<#list topics as t><label class="choice"><input type="checkbox" name="topics" value="${t.id}"<#if t.checked> checked</#if>> ${t.label}</label> </#list>
</fieldset>
<p><label>${msg["admin.articles.language"]}<br><select name="language" id="language"><#list languages as lg><option value="${lg}"<#if lg == language> selected</#if>>${lg}</option></#list></select></label></p>
<p><label>${msg["admin.articles.publishedAt"]}<br><input type="datetime-local" step="1" name="publishedAt" id="published-at" value="${publishedAt}"></label></p>
<p><label>${msg["admin.articles.state"]}<br><select name="state" id="state"><option value="published">${msg["admin.articles.published"]}</option><option value="draft"<#if draft> selected</#if>>${msg["admin.articles.draft"]}</option></select></label></p>
<p><button class="primary" id="save-article">${msg["admin.articles.save"]}</button>
<button formaction="/admin/articles/preview" id="preview-article">${msg["admin.articles.preview"]}</button></p>
</form>
<form method="post" action="/admin/media" enctype="multipart/form-data" id="image-form">
<input type="hidden" name="csrf" value="${csrf}">
<p><label>${msg["admin.media.upload"]}<br><input type="file" name="image" id="image" accept="image/jpeg,image/png"></label>
<button id="upload-image">${msg["admin.media.uploadButton"]}</button></p>
</form>
<#if stored??>
<section id="stored" style="border:1px solid #e5e7eb;padding:8px 12px">
<h2>${msg["admin.articles.storedVersion"]}</h2>
<p><b>${stored.title}</b></p>
<pre style="white-space:pre-wrap;overflow-wrap:anywhere;font:inherit">${stored.body}</pre>
</section>
</#if>
<#if preview??>
<section id="preview" style="border:1px solid #e5e7eb;padding:8px 12px">
<p class="muted">${msg["admin.articles.previewNote"]}</p>
<h2>${preview.title}</h2>
<#if preview.author?has_content><p class="muted">${msg["archive.by"]} ${preview.author}</p></#if>
<#-- cleaned by the same allow-list as every stored article: the only unescaped output -->
${preview.html?no_esc}
</section>
</#if>
<#if id != 0>
<form method="post" action="/admin/articles/${id?c}/delete"><input type="hidden" name="csrf" value="${csrf}"><button class="danger" id="delete-article">${msg["admin.articles.delete"]}</button></form>
</#if>
</@l.page>
