<#import "layout.ftl" as l>
<@l.page title=msg["sub.page.unsubscribe.title"]>
<p>${msg["sub.page.unsubscribe.text"]?replace("{email}", email)}</p>
<form method="post" action="${actionUrl}">
  <button type="submit">${msg["sub.page.unsubscribe.button"]}</button>
</form>
</@l.page>
