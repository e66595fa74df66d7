<#import "layout.ftl" as l>
<#-- The "that wasn't me" link of an address change: a GET only shows the button (link scanners follow GETs). -->
<@l.page title=msg["sub.page.undo.title"]>
<p>${msg["sub.page.undo.text"]?replace("{email}", email)}</p>
<form method="post" action="${actionUrl}">
  <button type="submit">${msg["sub.page.undo.button"]}</button>
</form>
</@l.page>
