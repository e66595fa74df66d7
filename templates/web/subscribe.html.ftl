<#import "layout.ftl" as l>
<@l.page title=msg["sub.page.subscribe.title"]>
<p>${msg["sub.page.subscribe.text"]}</p>
<@l.problems/>
<form method="post" action="${siteUrl}/subscribe">
  <label for="email">${msg["sub.form.email"]}</label>
  <input type="email" id="email" name="email" required maxlength="254" autocomplete="email" value="${form.email}">
  <@l.choices form=form/>
  <div class="hp" aria-hidden="true">
    <label for="website">${msg["sub.form.honeypot"]}</label>
    <input type="text" id="website" name="website" tabindex="-1" autocomplete="off">
  </div>
  <p class="hint" id="privacy">${msg["sub.form.privacy"]}<#if (legal.privacyUrl)?has_content> <a href="${legal.privacyUrl}">${msg["sub.form.privacyLink"]}</a></#if></p>
  <button type="submit">${msg["sub.form.subscribe"]}</button>
</form>
</@l.page>
