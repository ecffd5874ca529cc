package dev.outpost.agent.config;

import java.util.List;

/**
 * {@code notify:} where Outpost tells others what sync did. {@code webhooks} is a list of
 * receivers, each checked here with its index in the key ({@code notify.webhooks[1].events}), so the
 * loader reports the line of the item that is wrong.
 */
public record NotifyConfig(List<WebhookConfig> webhooks) {
  public NotifyConfig {
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    for (int i = 0; i < webhooks.size(); i++) {
      if (webhooks.get(i) == null) {
        throw new ConfigValueException("notify.webhooks[" + i + "]", "expected {url, events, secret or secretFile}");
      }
      webhooks.get(i).check("notify.webhooks[" + i + "]");
    }
  }

  public static NotifyConfig defaults() {
    return new NotifyConfig(List.of());
  }
}
