<#-- The choices a member makes (language, cadence, topics): the same fields on the add and the edit form. -->
<p><label>${msg["admin.articles.language"]}<br><select name="language" id="language"><#list languages as lg><option value="${lg}"<#if lg == language> selected</#if>>${msg["admin.language." + lg]}</option></#list></select></label></p>
<p><label>${msg["admin.edition.cadence"]}<br><select name="cadence" id="member-cadence"><#list cadences as c><option value="${c}"<#if c == cadence> selected</#if>>${msg["admin.cadence." + c]}</option></#list></select></label></p>
<fieldset><legend>${msg["admin.subscribers.topics"]} <span class="muted">${msg["admin.member.allTopics"]}</span></legend>
<#list topics as t><label class="choice"><input type="checkbox" name="topics" value="${t.id}"<#if t.checked> checked</#if>> ${t.label}</label> </#list>
</fieldset>
