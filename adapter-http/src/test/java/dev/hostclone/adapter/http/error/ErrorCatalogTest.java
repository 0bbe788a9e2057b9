package dev.hostclone.adapter.http.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorCatalogTest {

    /** One sample of every failure kind, with its code and both messages. */
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new Failure.NotAnInteger("bk_biz_id"), 1199009,
                        "'bk_biz_id' 参数必须是整型", "'bk_biz_id' parameters must be integral"),
                Arguments.of(new Failure.MissingField("bk_biz_name"), 1199010,
                        "'bk_biz_name' 未赋值", "'bk_biz_name' unassigned"),
                Arguments.of(new Failure.InvalidCombination("bk_org_ip"), 1199011,
                        "'bk_org_ip' 参数无效或不存在", "'bk_org_ip' the parameter is invalid or does not exist"),
                Arguments.of(new Failure.InvalidValue("bk_org_ip", InvalidReason.AMBIGUOUS_IP, "10.0.0.1"), 1199006,
                        "'bk_org_ip' 数据参数校验不通过: '10.0.0.1' 在该云区域内匹配到多台主机, 请改用 bk_org_id/bk_dst_id (按主机ID) 指定主机",
                        "'bk_org_ip' data parameter verification does not pass: '10.0.0.1' matches several hosts in the"
                                + " cloud area; use bk_org_id/bk_dst_id (ID mode) to name the hosts"),
                Arguments.of(new Failure.TooMany("bk_host_list", 200), 1199035,
                        "bk_host_list 超出限制 200", "bk_host_list exceed the limit 200"),
                Arguments.of(new Failure.Duplicated(List.of("bk_host_innerip", "bk_cloud_id"), List.of("10.0.0.1", 0L)), 1199014,
                        "存在重复的实例, 字段 [bk_host_innerip, bk_cloud_id] 重复: 值 ['10.0.0.1', 0]",
                        "duplicated instances exist, fields [bk_host_innerip, bk_cloud_id] duplicated: values ['10.0.0.1', 0]"),
                Arguments.of(new Failure.HostNotFound(11), 1110008,
                        "主机不存在: bk_host_id 11", "The host could not be found: bk_host_id 11"),
                Arguments.of(new Failure.HostNotInBusiness(11, 2), 1110024,
                        "主机 '11' 不属于业务 2", "host '11' does not belong to business 2"),
                Arguments.of(new Failure.BusinessNotFound(2), 1101033,
                        "查询业务失败: 业务 2 不存在", "query business failed: business 2 does not exist"),
                Arguments.of(new Failure.PermissionMissing(List.of(
                                Permission.onHost(Action.EDIT_BIZ_HOST, BusinessId.of(2), HostId.of(11)))), 9900403,
                        "无权限: edit_biz_host", "no permissions: edit_biz_host"),
                Arguments.of(new Failure.WriteConflict(3), 1199066,
                        "重试事务超过最大次数: 已尝试 3 次", "retry transaction exceeds maximum count: gave up after 3 attempts"),
                Arguments.of(new Failure.Forbidden("bk_unique_id", InvalidReason.BUILT_IN, 1L), 1101167,
                        "内置项不能修改或删除: 'bk_unique_id' 1", "built-in items cannot be changed or deleted: 'bk_unique_id' 1"),
                Arguments.of(new Failure.PageLimitExceeded(200), 1199059,
                        "分页大小超出限制, 建议不超过 200", "page limit is exceeded. suggestion 200"),
                Arguments.of(new Failure.CannotBeOmitted("option"), 1199008,
                        "'option' 不能省略", "'option' cannot be omitted"),
                Arguments.of(new Failure.ExistingDataViolatesRule(List.of("bk_host_outerip", "bk_cloud_id"), List.of("1.1.1.1", 0L)),
                        1113039, "创建唯一索引失败, 值 ['1.1.1.1', 0] 重复: 字段 [bk_host_outerip, bk_cloud_id]",
                        "Failed to create unique index, value ['1.1.1.1', 0] duplicated: fields [bk_host_outerip, bk_cloud_id]"),
                Arguments.of(new Failure.UniqueRuleOverlaps(3, Failure.UniqueRuleOverlaps.Overlap.SAME), 1113050,
                        "已存在键相同的唯一校验规则: 规则 3", "a unique rule with the same keys already exists: rule 3"),
                Arguments.of(new Failure.UniqueRuleOverlaps(3, Failure.UniqueRuleOverlaps.Overlap.EXISTING_IS_SUBSET), 1113051,
                        "唯一校验规则 3 已校验这些键的子集, 新规则是多余的",
                        "unique rule 3 already checks a subset of these keys, so the new rule is redundant"),
                Arguments.of(new Failure.UniqueRuleOverlaps(3, Failure.UniqueRuleOverlaps.Overlap.EXISTING_IS_SUPERSET), 1113052,
                        "唯一校验规则 3 的键包含这些键, 新规则会使其多余; 请先删除该规则",
                        "unique rule 3 checks a superset of these keys and the new rule would make it redundant;"
                                + " delete that rule first"),
                Arguments.of(new Failure.UniqueKeyKindInvalid("association"), 1101166,
                        "唯一校验键类型 [association] 无效, 只支持 property",
                        "unique constrains key kind [association] invalid, only property is supported"),
                Arguments.of(new Failure.AttributeNotAllowed("isrequired", true), 1113026,
                        "模型 [host] 不允许创建必填字段", "model [host] does not allow create required fields"),
                Arguments.of(new Failure.AttributeNotAllowed("ismultiple", true), 1199006,
                        "'ismultiple' 数据参数校验不通过: true 不是允许的值",
                        "'ismultiple' data parameter verification does not pass: true is not an allowed value"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void givenFailure_whenMapped_thenBlueKingCodeAndFilledMessageInBothLanguages(Failure failure, int code, String zh, String en) {
        ErrorReply chinese = ErrorCatalog.forFailure(failure, Language.ZH_CN);
        ErrorReply english = ErrorCatalog.forFailure(failure, Language.EN);

        assertThat(chinese.httpStatus()).isEqualTo(200);
        assertThat(chinese.code()).isEqualTo(code);
        assertThat(chinese.message()).isEqualTo(zh);
        assertThat(english.code()).isEqualTo(code);
        assertThat(english.message()).isEqualTo(en);
    }

    @Test
    void givenEveryFailureKind_whenListed_thenEachHasASampleAbove() {
        Set<Class<?>> sampled = failures().map(arguments -> arguments.get()[0].getClass()).collect(Collectors.toSet());
        sampled.add(Failure.InvalidValue.class);

        assertThat(sampled).containsExactlyInAnyOrder(Failure.class.getPermittedSubclasses());
    }

    @ParameterizedTest
    @EnumSource(InvalidReason.class)
    void givenAnyInvalidReason_whenMapped_then1199006NamingFieldAndValueWithoutPlaceholders(InvalidReason reason) {
        for (Language language : Language.values()) {
            ErrorReply reply = ErrorCatalog.forFailure(new Failure.InvalidValue("bk_dst_ip", reason, "10.9.9.9"), language);

            assertThat(reply.code()).isEqualTo(1199006);
            assertThat(reply.message()).startsWith("'bk_dst_ip' ").doesNotContain("%s", "%d", "null");
            // these say what is wrong with the field itself, whatever its value
            if (reason != InvalidReason.UNKNOWN_ATTRIBUTE && reason != InvalidReason.NOT_WRITABLE
                    && reason != InvalidReason.NOT_SERVED) {
                assertThat(reply.message()).contains("'10.9.9.9'");
            }
        }
    }

    /** Every reason's words, in both languages: callers match on them, and a rewording is a change of the contract. */
    static Stream<Arguments> reasonTexts() {
        return Stream.of(
                Arguments.of(InvalidReason.NOT_AN_IP, "'v1' is not a valid IPv4 or IPv6 address", "'v1' 不是合法的 IPv4 或 IPv6 地址"),
                Arguments.of(InvalidReason.NOT_AN_IPV4, "'v1' is not a valid IPv4 address, or a comma list of them",
                        "'v1' 不是合法的 IPv4 地址或以逗号分隔的 IPv4 地址列表"),
                Arguments.of(InvalidReason.NOT_AN_IPV6, "'v1' is not a valid IPv6 address, or a comma list of them",
                        "'v1' 不是合法的 IPv6 地址或以逗号分隔的 IPv6 地址列表"),
                Arguments.of(InvalidReason.NO_HOST_MATCHES, "no host in the cloud area matches 'v1'", "云区域内没有与 'v1' 匹配的主机"),
                Arguments.of(InvalidReason.AMBIGUOUS_IP, "'v1' matches several hosts in the cloud area; use bk_org_id/bk_dst_id"
                        + " (ID mode) to name the hosts", "'v1' 在该云区域内匹配到多台主机, 请改用 bk_org_id/bk_dst_id (按主机ID) 指定主机"),
                Arguments.of(InvalidReason.UNKNOWN_ATTRIBUTE, "no such attribute in the model", "模型中不存在该属性"),
                Arguments.of(InvalidReason.NOT_WRITABLE, "the attribute cannot be set through this API", "该属性不能通过此接口设置"),
                Arguments.of(InvalidReason.WRONG_TYPE_OR_OPTION, "'v1' does not fit the attribute's type or option",
                        "'v1' 不符合属性的类型或选项"),
                Arguments.of(InvalidReason.NOT_ALLOWED, "'v1' is not an allowed value", "'v1' 不是允许的值"),
                Arguments.of(InvalidReason.PATTERN_TOO_COSTLY, "'v1' could not be checked against the attribute's pattern:"
                        + " the request's pattern checks were too costly", "'v1' 无法按属性的正则校验: 本次请求的正则校验代价过高"),
                Arguments.of(InvalidReason.PATTERN_READ_OTHERWISE, "'v1' holds what HostClone's patterns read otherwise than"
                        + " BlueKing's: a POSIX class such as [[:digit:]] (write [0-9]) or the flag U",
                        "'v1' 含有 HostClone 与蓝鲸正则含义不同的写法: POSIX 字符类如 [[:digit:]] (请写 [0-9]) 或 U 标志"),
                Arguments.of(InvalidReason.DOES_NOT_EXIST, "'v1' does not exist", "'v1' 不存在"),
                Arguments.of(InvalidReason.TOO_LONG, "'v1' is too long", "'v1' 超出长度限制"),
                Arguments.of(InvalidReason.BUILT_IN, "'v1' is built in and cannot be changed or deleted", "'v1' 为内置项, 不能修改或删除"),
                Arguments.of(InvalidReason.ALREADY_EXISTS, "'v1' already exists", "'v1' 已存在"),
                Arguments.of(InvalidReason.NOT_SERVED, "HostClone does not serve this condition", "HostClone 不支持该条件"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reasonTexts")
    void givenAnInvalidReason_whenMapped_thenItsWordsAreExactlyTheContractsInEachLanguage(InvalidReason reason,
                                                                                         String english, String chinese) {
        Failure failure = new Failure.InvalidValue("f", reason, "v1");

        assertThat(ErrorCatalog.forFailure(failure, Language.EN).message())
                .isEqualTo("'f' data parameter verification does not pass: " + english);
        assertThat(ErrorCatalog.forFailure(failure, Language.ZH_CN).message()).isEqualTo("'f' 数据参数校验不通过: " + chinese);
    }

    /** An option is a JSON object: Java's own form, {min=5, max=1}, was shown, which is no JSON the caller sent. */
    @Test
    void givenAnObjectValue_whenMapped_thenItIsShownInBracesNamingItsMembers() {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("min", 5);
        option.put("max", "one");
        Failure failure = new Failure.InvalidValue("option", InvalidReason.WRONG_TYPE_OR_OPTION, option);

        assertThat(ErrorCatalog.forFailure(failure, Language.EN).message()).isEqualTo(
                "'option' data parameter verification does not pass: {\"min\": 5, \"max\": 'one'} does not fit the attribute's"
                        + " type or option");
    }

    @Test
    void givenEveryInvalidReason_whenListingTheContractsWords_thenNoneIsLeftOut() {
        assertThat(reasonTexts().map(arguments -> arguments.get()[0])).containsExactlyInAnyOrder((Object[]) InvalidReason.values());
    }

    @ParameterizedTest
    @EnumSource(InvalidReason.class)
    void givenAnyInvalidReasonWithoutValue_whenMapped_thenTheMessageReadsWell(InvalidReason reason) {
        for (Language language : Language.values()) {
            ErrorReply reply = ErrorCatalog.forFailure(new Failure.InvalidValue("bk_cloud_id", reason, null), language);

            assertThat(reply.message()).contains("'bk_cloud_id'").doesNotContain("%s", "null");
        }
    }

    @Test
    void givenNoHostMatches_whenMapped_thenTheMessageSaysNoHostMatches() {
        ErrorReply reply = ErrorCatalog.forFailure(
                new Failure.InvalidValue("bk_dst_ip", InvalidReason.NO_HOST_MATCHES, "10.0.0.2"), Language.EN);

        assertThat(reply.message()).isEqualTo(
                "'bk_dst_ip' data parameter verification does not pass: no host in the cloud area matches '10.0.0.2'");
    }

    @Test
    void givenVeryLongValue_whenMapped_thenItIsAbbreviated() {
        String longValue = "x".repeat(5000);

        ErrorReply reply = ErrorCatalog.forFailure(
                new Failure.InvalidValue("bk_comment", InvalidReason.TOO_LONG, longValue), Language.EN);

        assertThat(reply.message()).contains("'" + "x".repeat(64) + "...'").hasSizeLessThan(200);
    }

    @Test
    void givenAValueOfExactlyTheLengthShown_whenMapped_thenItIsShownWhole() {
        ErrorReply reply = ErrorCatalog.forFailure(
                new Failure.InvalidValue("bk_comment", InvalidReason.TOO_LONG, "x".repeat(64)), Language.EN);

        assertThat(reply.message()).contains("'" + "x".repeat(64) + "'").doesNotContain("...");
    }

    @Test
    void givenListValue_whenMapped_thenItemsAreShown() {
        ErrorReply reply = ErrorCatalog.forFailure(
                new Failure.InvalidValue("tags", InvalidReason.NOT_ALLOWED, List.of("a", 2L)), Language.EN);

        assertThat(reply.message()).endsWith(": ['a', 2] is not an allowed value");
    }

    @Test
    void givenForbiddenNotWritable_whenMapped_then1199083NamingTheField() {
        ErrorReply reply = ErrorCatalog.forFailure(
                new Failure.Forbidden("bk_cloud_id", InvalidReason.NOT_WRITABLE, null), Language.EN);

        assertThat(reply.code()).isEqualTo(1199083);
        assertThat(reply.message()).isEqualTo("field 'bk_cloud_id' may not be changed");
    }

    @Test
    void givenForbiddenForAnotherReason_whenMapped_then1199006WithTheReason() {
        ErrorReply reply = ErrorCatalog.forFailure(
                new Failure.Forbidden("bk_property_id", InvalidReason.ALREADY_EXISTS, "bk_mem"), Language.ZH_CN);

        assertThat(reply.code()).isEqualTo(1199006);
        assertThat(reply.message()).isEqualTo("'bk_property_id' 数据参数校验不通过: 'bk_mem' 已存在");
    }

    @Test
    void givenTwoActionsMissing_whenMapped_thenThePermissionHasBlueKingsShapeWithOneActionEach() {
        ErrorReply reply = ErrorCatalog.forFailure(new Failure.PermissionMissing(List.of(
                Permission.onBusiness(Action.FIND_BUSINESS_RESOURCE, BusinessId.of(2)),
                Permission.onHost(Action.EDIT_BIZ_HOST, BusinessId.of(2), HostId.of(11)))), Language.EN);

        assertThat(reply.permission().toString()).isEqualTo(permission(
                onBusinesses("find_business_resource", 2), onHosts("edit_biz_host", hostPath(2, 11))));
        assertThat(reply.message()).isEqualTo("no permissions: find_business_resource, edit_biz_host");
    }

    /**
     * One action however many hosts it is missing on, each host an instance of it, as BlueKing's
     * {@code GenEditBizHostNoPermissionResp(hostIDs)} writes it, and as IAM's page to apply for a permission reads
     * it; until 2026-12-07 a batch over two hosts named {@code edit_biz_host} twice.
     */
    @Test
    void givenOneActionMissingOnTwoHosts_whenMapped_thenOneActionHoldsBothAsInstances() {
        ErrorReply reply = ErrorCatalog.forFailure(new Failure.PermissionMissing(List.of(
                Permission.onHost(Action.EDIT_BIZ_HOST, BusinessId.of(1), HostId.of(10)),
                Permission.onHost(Action.EDIT_BIZ_HOST, BusinessId.of(2), HostId.of(11)),
                Permission.onHost(Action.EDIT_BIZ_HOST, BusinessId.of(2), HostId.of(11)))), Language.EN);

        assertThat(reply.permission().toString())
                .isEqualTo(permission(onHosts("edit_biz_host", hostPath(1, 10), hostPath(2, 11))));
        assertThat(reply.message()).isEqualTo("no permissions: edit_biz_host");
    }

    /** BlueKing's permission document, as API.md §6 shows it, holding {@code actions}. */
    private static String permission(String... actions) {
        return "{\"system_id\":\"bk_cmdb\",\"system_name\":\"\",\"actions\":[" + String.join(",", actions) + "]}";
    }

    /** One action of the document, missing on the hosts {@code paths} name, each an instance of the type host. */
    private static String onHosts(String action, String... paths) {
        return "{\"id\":\"" + action + "\",\"name\":\"\",\"related_resource_types\":[{\"system_id\":\"bk_cmdb\","
                + "\"system_name\":\"\",\"type\":\"host\",\"type_name\":\"\",\"instances\":[" + String.join(",", paths) + "]}]}";
    }

    /** One action of the document, missing on these businesses, each an instance of the type biz. */
    private static String onBusinesses(String action, long... businesses) {
        StringBuilder paths = new StringBuilder();
        for (long business : businesses) {
            paths.append(paths.length() == 0 ? "" : ",").append("[").append(businessStep(business)).append("]");
        }
        return "{\"id\":\"" + action + "\",\"name\":\"\",\"related_resource_types\":[{\"system_id\":\"bk_cmdb\","
                + "\"system_name\":\"\",\"type\":\"biz\",\"type_name\":\"\",\"instances\":[" + paths + "]}]}";
    }

    private static String businessStep(long business) {
        return "{\"type\":\"biz\",\"type_name\":\"\",\"id\":\"" + business + "\",\"name\":\"\"}";
    }

    /** A host's path: its business, then itself. */
    private static String hostPath(long business, long host) {
        return "[" + businessStep(business) + ",{\"type\":\"host\",\"type_name\":\"\",\"id\":\"" + host
                + "\",\"name\":\"\"}]";
    }

    @Test
    void givenPlatformWidePermission_whenMapped_thenTheActionHasNoResourceTypes() {
        ErrorReply reply = ErrorCatalog.forFailure(new Failure.PermissionMissing(List.of(
                Permission.onPlatform(Action.CREATE_BUSINESS, Resource.BUSINESS))), Language.EN);

        assertThat(reply.permission().get("actions").get(0).toString())
                .isEqualTo("{\"id\":\"create_business\",\"name\":\"\",\"related_resource_types\":[]}");
    }

    @Test
    void givenRejectionWrappedInCompletionExceptions_whenReplied_thenTheFailureIsMapped() {
        Throwable wrapped = new CompletionException(new CompletionException(RejectedException.because(new Failure.HostNotFound(5))));

        ErrorReply reply = ErrorCatalog.reply(wrapped, "rid", Language.EN);

        assertThat(reply.code()).isEqualTo(1110008);
    }

    @Test
    void givenUnexpectedException_whenReplied_then500WithRequestIdAndNothingOfTheException() {
        ErrorReply reply = ErrorCatalog.reply(new IllegalStateException("SELECT * FROM hosts failed: secret"), "rid-9", Language.EN);

        assertThat(reply.httpStatus()).isEqualTo(500);
        assertThat(reply.code()).isEqualTo(1199998);
        assertThat(reply.message()).isEqualTo("Unknown or unrecognized error, request id: rid-9");
    }

    @Test
    void givenRequestTimedOut_whenMapped_then503With1199002SayingNothingWasChanged() {
        ErrorReply english = ErrorCatalog.forProblem(new HttpProblem.RequestTimedOut(), Language.EN);
        ErrorReply chinese = ErrorCatalog.forProblem(new HttpProblem.RequestTimedOut(), Language.ZH_CN);

        assertThat(english.httpStatus()).isEqualTo(503);
        assertThat(english.code()).isEqualTo(1199002);
        assertThat(english.message())
                .isEqualTo("the request timed out before it could be handled; nothing was changed, please retry");
        assertThat(chinese.message()).isEqualTo("请求超时, 未能及时处理; 未做任何修改, 请重试");
    }

    @Test
    void givenMalformedJsonWithAndWithoutAPlace_whenMapped_thenTheMessageNamesThePlaceOnlyWhenKnown() {
        assertThat(ErrorCatalog.forProblem(new HttpProblem.MalformedJson(1, 5), Language.EN).message())
                .endsWith("the body is not valid JSON (line 1, column 5)");
        assertThat(ErrorCatalog.forProblem(new HttpProblem.MalformedJson(0, 0), Language.EN).message())
                .endsWith("the body is not valid JSON");
        assertThat(ErrorCatalog.forProblem(new HttpProblem.MalformedJson(1, 5), Language.ZH_CN).message())
                .endsWith("请求体不是合法的 JSON (第 1 行, 第 5 列)");
        assertThat(ErrorCatalog.forProblem(new HttpProblem.MalformedJson(0, 0), Language.ZH_CN).message())
                .endsWith("请求体不是合法的 JSON");
    }

    static Stream<Arguments> loginRefusalTexts() {
        return Stream.of(
                Arguments.of(HttpProblem.AuthProblem.APP_CODE_MISSING, null, "bk_app_code is missing.", "缺少 bk_app_code"),
                Arguments.of(HttpProblem.AuthProblem.APP_SECRET_MISSING, null, "bk_app_secret is missing.", "缺少 bk_app_secret"),
                Arguments.of(HttpProblem.AuthProblem.APP_REJECTED, null, "bk_app_code or bk_app_secret is wrong.",
                        "bk_app_code 或 bk_app_secret 错误"),
                Arguments.of(HttpProblem.AuthProblem.USER_MISSING, null, "bk_username is missing.", "缺少 bk_username"),
                Arguments.of(HttpProblem.AuthProblem.USER_TOO_LONG, null, "bk_username is longer than 256 characters.",
                        "bk_username 超过 256 个字符"),
                Arguments.of(HttpProblem.AuthProblem.TOKEN_NOT_SUPPORTED, null,
                        "bk_token cannot be verified by this server; send bk_username instead.",
                        "本服务无法校验 bk_token, 请改用 bk_username"),
                Arguments.of(HttpProblem.AuthProblem.AUTHORIZATION_HEADER_INVALID, null,
                        "X-Bkapi-Authorization must be a JSON object of strings.",
                        "X-Bkapi-Authorization 必须是由字符串组成的 JSON 对象"),
                Arguments.of(HttpProblem.AuthProblem.AUTHORIZATION_HEADER_NOT_UTF8, null,
                        "X-Bkapi-Authorization is not well-formed UTF-8.", "X-Bkapi-Authorization 不是合法的 UTF-8"),
                Arguments.of(HttpProblem.AuthProblem.AUTHORIZATION_HEADER_KEY_REPEATED, "bk_app_code",
                        "X-Bkapi-Authorization: key 'bk_app_code' appears more than once.",
                        "X-Bkapi-Authorization 中的键 'bk_app_code' 重复出现"),
                Arguments.of(HttpProblem.AuthProblem.CREDENTIAL_HOLDS_NUL, "bk_username",
                        "bk_username holds a NUL character.", "bk_username 含有 NUL 字符"),
                Arguments.of(HttpProblem.AuthProblem.AUTHORIZATION_HEADER_REPEATED, null,
                        "X-Bkapi-Authorization is given more than once.", "X-Bkapi-Authorization 重复出现"));
    }

    @Test
    void givenAQueryParameterOrNameThatIsNotPercentEncodedUtf8_whenMapped_thenTheParameterIsNamedInTheBodysFamily() {
        assertThat(ErrorCatalog.forProblem(new HttpProblem.QueryNotUtf8("bk_username"), Language.EN).message())
                .isEqualTo("Deserializing JSON data failed: parameter 'bk_username' of the query string is not valid percent-encoded UTF-8");
        assertThat(ErrorCatalog.forProblem(new HttpProblem.QueryNotUtf8("bk_username"), Language.ZH_CN).message())
                .isEqualTo("反序列化JSON数据失败: 查询字符串的参数 'bk_username' 不是合法的百分号编码 UTF-8");
        assertThat(ErrorCatalog.forProblem(new HttpProblem.QueryNotUtf8(null), Language.EN).message())
                .isEqualTo("Deserializing JSON data failed: a parameter name of the query string is not valid percent-encoded UTF-8");
        assertThat(ErrorCatalog.forProblem(new HttpProblem.QueryNotUtf8(null), Language.ZH_CN).message())
                .isEqualTo("反序列化JSON数据失败: 查询字符串中有参数名不是合法的百分号编码 UTF-8");
    }

    @Test
    void givenAPathParameterThatIsNotPercentEncodedUtf8_whenMapped_thenItIsNamedInTheBodysFamily() {
        assertThat(ErrorCatalog.forProblem(new HttpProblem.PathParameterNotUtf8("bk_supplier_account"), Language.EN).message())
                .isEqualTo("Deserializing JSON data failed: path parameter 'bk_supplier_account' is not valid percent-encoded UTF-8");
        assertThat(ErrorCatalog.forProblem(new HttpProblem.PathParameterNotUtf8("bk_supplier_account"), Language.ZH_CN).message())
                .isEqualTo("反序列化JSON数据失败: 路径参数 'bk_supplier_account' 不是合法的百分号编码 UTF-8");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loginRefusalTexts")
    void givenALoginRefusal_whenMapped_thenItsWordsAreExactlyTheContractsInEachLanguage(HttpProblem.AuthProblem reason,
                                                                                       String name, String english,
                                                                                       String chinese) {
        HttpProblem problem = new HttpProblem.Unauthenticated(reason, name);

        assertThat(ErrorCatalog.forProblem(problem, Language.EN).message()).isEqualTo("Do not have access permission. " + english);
        assertThat(ErrorCatalog.forProblem(problem, Language.ZH_CN).message()).isEqualTo("无访问权限: " + chinese);
    }

    @Test
    void givenEveryLoginRefusal_whenListingTheContractsWords_thenNoneIsLeftOut() {
        assertThat(loginRefusalTexts().map(arguments -> arguments.get()[0]))
                .containsExactlyInAnyOrder((Object[]) HttpProblem.AuthProblem.values());
    }

    @Test
    void givenEveryProblemKind_whenMappedInBothLanguages_thenEachHasACodeAndAFilledMessage() {
        List<HttpProblem> problems = List.of(
                new HttpProblem.MalformedJson(1, 5), new HttpProblem.MalformedJson(0, 0), new HttpProblem.BodyNotAnObject(),
                new HttpProblem.NotUtf8(), new HttpProblem.DuplicateKey("a"), new HttpProblem.QueryNotUtf8("a"), new HttpProblem.PathParameterNotUtf8("a"), new HttpProblem.WrongJsonType("a", HttpProblem.JsonType.ARRAY),
                new HttpProblem.JsonLimitExceeded(HttpProblem.JsonLimit.NESTING_DEPTH, 32),
                new HttpProblem.Unauthenticated(HttpProblem.AuthProblem.USER_MISSING),
                new HttpProblem.RouteNotFound("GET", "/x"), new HttpProblem.MethodNotAllowed("GET", "/x"),
                new HttpProblem.BodyTooLarge(10), new HttpProblem.BodyTreeTooLarge(5000, 4096), new HttpProblem.TooManyRequests(100), new HttpProblem.SecretChecksBusy(),
                new HttpProblem.TooManyConnections(), new HttpProblem.TooManyBodies(), new HttpProblem.RequestTimedOut(), new HttpProblem.RequestLineTooLong(4096), new HttpProblem.HeadersTooLarge(8192),
                new HttpProblem.VersionNotSupported("HTTP/2.0"), new HttpProblem.TransferCodingNotSupported("gzip"),
                new HttpProblem.ContentCodingNotSupported("gzip"), new HttpProblem.BadRequest(400), new HttpProblem.Internal("rid"));
        assertThat(problems.stream().map(Object::getClass).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(HttpProblem.class.getPermittedSubclasses());

        for (HttpProblem problem : problems) {
            for (Language language : Language.values()) {
                ErrorReply reply = ErrorCatalog.forProblem(problem, language);
                assertThat(reply.code()).isPositive();
                assertThat(reply.message()).isNotBlank().doesNotContain("%s", "%d");
            }
        }
        assertThat(Arrays.stream(HttpProblem.JsonType.values())
                .map(type -> ErrorCatalog.forProblem(new HttpProblem.WrongJsonType("f", type), Language.ZH_CN).message()))
                .allMatch(message -> message.startsWith("反序列化JSON数据失败: 字段 'f' "));
        assertThat(Arrays.stream(HttpProblem.JsonLimit.values())
                .map(limit -> ErrorCatalog.forProblem(new HttpProblem.JsonLimitExceeded(limit, 7), Language.EN)))
                .allMatch(reply -> reply.code() == ErrorCatalog.JSON_UNMARSHAL_FAILED && reply.httpStatus() == 200
                        && reply.message().startsWith("Deserializing JSON data failed: ") && reply.message().contains(" 7 "));
    }

    static Stream<Arguments> refusedHeads() {
        return Stream.of(
                Arguments.of(new HttpProblem.RequestLineTooLong(4096), 414,
                        "the request line (method, path and query string) exceeds the limit of 4096 bytes",
                        "请求行 (方法、路径和查询字符串) 超过 4096 字节的限制"),
                Arguments.of(new HttpProblem.HeadersTooLarge(8192), 431,
                        "the request headers exceed the limit of 8192 bytes", "请求头超过 8192 字节的限制"),
                Arguments.of(new HttpProblem.VersionNotSupported("HTTP/2.0"), 505,
                        "HTTP/2.0 is not supported: HostClone speaks HTTP/1.1 (and HTTP/1.0)",
                        "不支持 HTTP/2.0: HostClone 使用 HTTP/1.1 (及 HTTP/1.0)"),
                Arguments.of(new HttpProblem.TransferCodingNotSupported("gzip"), 501,
                        "transfer coding 'gzip' is not supported: only chunked", "不支持传输编码 'gzip': 仅支持 chunked"),
                Arguments.of(new HttpProblem.ContentCodingNotSupported("br"), 415,
                        "content coding 'br' is not supported: send the body unencoded (identity)",
                        "不支持内容编码 'br': 请求体须不经编码发送 (identity)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedHeads")
    void givenARequestHeadRefusedForWhatItAsks_whenMapped_thenItsStatusAnd1199003SayingWhatInEachLanguage(
            HttpProblem problem, int status, String english, String chinese) {
        ErrorReply reply = ErrorCatalog.forProblem(problem, Language.EN);

        assertThat(reply.httpStatus()).isEqualTo(status);
        assertThat(reply.code()).isEqualTo(ErrorCatalog.HTTP_INPUT_INVALID);
        assertThat(reply.message()).isEqualTo(english);
        assertThat(ErrorCatalog.forProblem(problem, Language.ZH_CN).message()).isEqualTo(chinese);
    }

    @Test
    void givenSecretChecksBusy_whenMapped_then429With1199997AndRetryAfterInBothLanguages() {
        ErrorReply chinese = ErrorCatalog.forProblem(new HttpProblem.SecretChecksBusy(), Language.ZH_CN);

        assertThat(chinese.httpStatus()).isEqualTo(429);
        assertThat(chinese.code()).isEqualTo(ErrorCatalog.TOO_MANY_REQUESTS);
        assertThat(chinese.retryAfterSeconds()).isEqualTo(1);
        assertThat(chinese.message()).isEqualTo("请求过于频繁: 待校验的应用密钥过多, 请一秒后重试");
    }

    static Stream<Arguments> refusedAsTheServerIsFull() {
        return Stream.of(
                Arguments.of(new HttpProblem.TooManyConnections(),
                        "too many requests: the server has too many open connections, please retry later",
                        "请求过于频繁: 服务器打开的连接过多, 请稍后重试"),
                Arguments.of(new HttpProblem.TooManyBodies(),
                        "too many requests: the server is reading too many request bodies at once, please retry later",
                        "请求过于频繁: 服务器同时读取的请求体过多, 请稍后重试"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAsTheServerIsFull")
    void givenTheServerFull_whenMapped_then503With1199997AndRetryAfterInBothLanguages(HttpProblem problem, String english,
                                                                                      String chinese) {
        ErrorReply reply = ErrorCatalog.forProblem(problem, Language.EN);

        assertThat(reply.httpStatus()).isEqualTo(503);
        assertThat(reply.code()).isEqualTo(ErrorCatalog.TOO_MANY_REQUESTS);
        assertThat(reply.retryAfterSeconds()).isEqualTo(1);
        assertThat(reply.message()).isEqualTo(english);
        assertThat(ErrorCatalog.forProblem(problem, Language.ZH_CN).message()).isEqualTo(chinese);
    }

    @Test
    void givenAJsonLimitExceeded_whenMappedInChinese_thenTheMessageNamesTheLimit() {
        ErrorReply reply = ErrorCatalog.forProblem(
                new HttpProblem.JsonLimitExceeded(HttpProblem.JsonLimit.STRING_LENGTH, 20_000_000), Language.ZH_CN);

        assertThat(reply.code()).isEqualTo(ErrorCatalog.JSON_UNMARSHAL_FAILED);
        assertThat(reply.message()).isEqualTo("反序列化JSON数据失败: 字符串或键的长度超过 20000000 个 UTF-16 码元的限制");
    }
}
