package dev.outpost.sync.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.ParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quartz.CronExpression;

class QuartzCronTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "* * * * *            | 0 * * * * ?",
      "0 22 * * *           | 0 0 22 * * ?",
      "*/15 1-5 * * *       | 0 */15 1-5 * * ?",
      "30 2 1,15 * *        | 0 30 2 1,15 * ?",
      "0 0 * JAN,JUL *      | 0 0 0 * JAN,JUL ?",
      "0 22 * * 0           | 0 0 22 ? * 1",
      "0 22 * * 7           | 0 0 22 ? * 1",
      "0 22 * * 1-5         | 0 0 22 ? * 2-6",
      "0 22 * * 6           | 0 0 22 ? * 7",
      "0 22 * * 0,6         | 0 0 22 ? * 1,7",
      "0 22 * * 5-7         | 0 0 22 ? * 6-7,1",
      "0 22 * * 0-7         | 0 0 22 ? * 1-7",
      "0 22 * * */2         | 0 0 22 ? * */2",
      "0 22 * * 1-5/2       | 0 0 22 ? * 2-6/2",
      "0 22 * * MON-FRI     | 0 0 22 ? * MON-FRI",
      "0 22 * * sat,SUN     | 0 0 22 ? * sat,SUN",
  })
  void convertsToQuartz(String unix, String quartz) throws ParseException {
    String converted = QuartzCron.fromUnix(unix);

    assertThat(converted).isEqualTo(quartz);
    assertThat(CronExpression.isValidExpression(converted)).as("Quartz accepts %s", converted).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "* * * *", "* * * * * *", "0 22 1 * 1", "0 22 ? * *", "0 22 * * 8"})
  void refusesWhatCannotBeConvertedFaithfully(String unix) {
    assertThatThrownBy(() -> QuartzCron.fromUnix(unix)).isInstanceOf(IllegalArgumentException.class);
  }
}
