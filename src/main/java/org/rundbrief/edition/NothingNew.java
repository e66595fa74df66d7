package org.rundbrief.edition;

import org.rundbrief.subscriber.Cadence;

/**
 * Why a send found nothing new, in counts: confirmed subscribers of the cadence, those of them who
 * never got a digest, articles published within {@code delivery.maxAgeDays}, and how many of these
 * were collected before the newcomers signed up (a first issue, {@code --include-recent}, sends them).
 */
public record NothingNew(long subscribers, long newcomers, long recentArticles, long olderThanSignUp, int maxAgeDays) {
    /** One sentence for a person: what happened, why, and what to do. */
    public String explain(Cadence cadence) {
        String c = cadence.id();
        if (subscribers == 0) {
            return "No confirmed " + c + " subscribers; no mail sent.";
        }
        String head = "Nothing new for " + c + " subscribers; no mail sent: ";
        if (recentArticles == 0) {
            return head + "no article was published in the last " + maxAgeDays + " days (delivery.maxAgeDays); "
                    + "run 'collect' to fetch the sources.";
        }
        if (newcomers > 0 && olderThanSignUp > 0) {
            return head + olderThanSignUp + (olderThanSignUp == 1 ? " article is" : " articles are")
                    + " older than the members' sign-up; to send them once, use 'send --cadence " + c
                    + " --include-recent " + maxAgeDays + "d'.";
        }
        return head + "the " + recentArticles + (recentArticles == 1 ? " article" : " articles") + " of the last "
                + maxAgeDays + " days went out already.";
    }
}
