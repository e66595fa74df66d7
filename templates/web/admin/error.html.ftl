<#import "layout.html.ftl" as l>
<@l.page title=msg["admin.error.title"] nav=false>
<p class="error" id="message">${status?c}: ${message}</p>
<p><a href="/admin">${msg["admin.nav.dashboard"]}</a></p>
</@l.page>
