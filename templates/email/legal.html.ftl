<#-- Included in every mail's footer: the sender's postal address, imprint and privacy notice
     (site.postalAddress, site.imprintUrl, site.privacyUrl); nothing when none is set. -->
<#if (legal.postalAddress)?has_content || (legal.imprintUrl)?has_content || (legal.privacyUrl)?has_content>
<p class="legal" style="margin:8px 0 0 0;font-size:12px;line-height:1.6;color:#6b7280;"><#if (legal.postalAddress)?has_content>${legal.postalAddress}<br></#if><#if (legal.imprintUrl)?has_content><a href="${legal.imprintUrl}" style="color:#6b7280;">${msg["legal.imprint"]}</a></#if><#if (legal.imprintUrl)?has_content && (legal.privacyUrl)?has_content> · </#if><#if (legal.privacyUrl)?has_content><a href="${legal.privacyUrl}" style="color:#6b7280;">${msg["legal.privacy"]}</a></#if></p>
</#if>
