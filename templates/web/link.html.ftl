<#import "layout.ftl" as l>
<#-- "Send me a new link": also the answer to an expired or revoked member link. Never shows the address on file. -->
<@l.page title=msg[expired?then("sub.page.linkexpired.title", "sub.page.link.title")]>
<#if expired><p>${msg["sub.page.linkexpired.text"]}</p></#if>
<p>${msg["sub.page.link.text"]}</p>
<#if error><p class="problems" role="alert">${msg["sub.error.email"]}</p></#if>
<form method="post" action="${actionUrl}">
  <label for="email">${msg["sub.form.email"]}</label>
  <input type="email" id="email" name="email" required maxlength="254" autocomplete="email">
  <div class="hp" aria-hidden="true">
    <label for="website">${msg["sub.form.honeypot"]}</label>
    <input type="text" id="website" name="website" tabindex="-1" autocomplete="off">
  </div>
  <button type="submit">${msg["sub.page.link.button"]}</button>
</form>
</@l.page>
