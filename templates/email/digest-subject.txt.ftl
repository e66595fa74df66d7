<#-- Subject line: one article → its title; more → count and the first title. -->
<#if total == 1>${articles[0].title}<#else>${msg["digest.subject.many"]?replace("{count}", total?c)?replace("{title}", articles[0].title)}</#if>
