<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="87"/>
        <source>%1 — 案件 %2</source>
        <translation>%1 — case %2</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="126"/>
        <source>责任部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="128"/>
        <source>当前部门</source>
        <translation>Current department</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="142"/>
        <source>当前期限</source>
        <translation>Current deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="144"/>
        <source>延期至</source>
        <translation>Extend to</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="152"/>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="157"/>
        <source>主案件编号，例如 2026112600013</source>
        <translation>Main case number, e.g. 2026112600013</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="160"/>
        <source>合并到</source>
        <translation>Merge into</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="85"/>
        <source>%1 — %2 件案件</source>
        <translation>%1 — %2 cases</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="167"/>
        <source>街道督办</source>
        <translation>Street-level urging</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="168"/>
        <source>区级督办</source>
        <translation>District-level urging</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="170"/>
        <source>督办级别</source>
        <translation>Urging level</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="179"/>
        <source>回复期限</source>
        <translation>Reply by</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="188"/>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="192"/>
        <source>未添加</source>
        <translation>None added</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="197"/>
        <source>处置后照片</source>
        <translation>Photos after handling</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="204"/>
        <source>必须填写原因（Shift+Enter 换行）</source>
        <translation>A reason is required (Shift+Enter for a new line)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="206"/>
        <source>可选（Shift+Enter 换行）</source>
        <translation>Optional (Shift+Enter for a new line)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="210"/>
        <source>督办要求，如：请于今日到场处置并回复</source>
        <translation>Requirement, e.g. handle on site today and reply</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="211"/>
        <source>督办要求</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="214"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="214"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="229"/>
        <source>Ctrl+Enter 提交</source>
        <translation>Ctrl+Enter submits</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="231"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="269"/>
        <source>选择处置后照片</source>
        <translation>Choose photos after handling</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="271"/>
        <source>图片 (*.jpg *.jpeg *.png *.gif *.webp)</source>
        <translation>Images (*.jpg *.jpeg *.png *.gif *.webp)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="296"/>
        <source>请填写督办要求。</source>
        <translation>Please enter the requirement.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="297"/>
        <source>请填写原因。</source>
        <translation>Please give a reason.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="300"/>
        <source>回复期限应晚于现在。</source>
        <translation>The reply deadline must be later than now.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="304"/>
        <source>请选择责任部门。</source>
        <translation>Please choose a department.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="306"/>
        <source>没有名为「%1」的部门。</source>
        <translation>There is no department named “%1”.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="312"/>
        <source>改派需选择其他部门。</source>
        <translation>Choose a different department to redispatch.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="316"/>
        <source>新的期限应晚于当前期限。</source>
        <translation>The new deadline must be later than the current one.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="320"/>
        <source>请填写主案件编号。</source>
        <translation>Please enter the main case number.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/action_dialogs.py" line="322"/>
        <source>案件不能合并到自身。</source>
        <translation>A case cannot be merged into itself.</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="70"/>
        <source>添加账号</source>
        <translation>Add account</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="89"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="90"/>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="91"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="92"/>
        <source>所属部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="93"/>
        <source>初始密码</source>
        <translation>Initial password</translation>
    </message>
</context>
<context>
    <name>AlarmBanner</name>
    <message>
        <location filename="../../desktop/desk/alarms_banner.py" line="44"/>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/alarms_banner.py" line="47"/>
        <source>确认</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/alarms_banner.py" line="50"/>
        <source>全部确认</source>
        <translation>Acknowledge all</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/alarms_banner.py" line="57"/>
        <source>当前角色无权确认警报</source>
        <translation>Your role cannot acknowledge alarms</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/alarms_banner.py" line="77"/>
        <source>紧急警报 %1 条未确认</source>
        <translation>%1 urgent alarms unacknowledged</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/alarms_banner.py" line="79"/>
        <source>紧急警报</source>
        <translation>Urgent alarm</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/alarms_banner.py" line="90"/>
        <source>…另有 %1 条</source>
        <translation>…and %1 more</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/alarms_banner.py" line="92"/>
        <source>全部确认（%1）</source>
        <translation>Acknowledge all (%1)</translation>
    </message>
</context>
<context>
    <name>AlarmWatcher</name>
    <message>
        <location filename="../../desktop/desk/alarms.py" line="31"/>
        <source>新紧急案件</source>
        <translation>New urgent case</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/alarms.py" line="32"/>
        <source>紧急案件到预警时间</source>
        <translation>Urgent case at warning time</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/alarms.py" line="33"/>
        <source>紧急案件已超期</source>
        <translation>Urgent case overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/alarms.py" line="118"/>
        <source>（另有 %1 条）</source>
        <translation> (and %1 more)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/alarms.py" line="133"/>
        <source>已确认 %1 条警报</source>
        <translation>%1 alarms acknowledged</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/shell/startup.py" line="54"/>
        <source>正在生成演示街道与案件…</source>
        <translation>Building the demo street and its cases…</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/startup.py" line="56"/>
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="182"/>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="188"/>
        <location filename="../../desktop/app.py" line="197"/>
        <source>演示数据生成失败</source>
        <translation>Building the demo data failed</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../desktop/admin/audit_viewer.py" line="72"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/audit_viewer.py" line="73"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/audit_viewer.py" line="74"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/audit_viewer.py" line="75"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/audit_viewer.py" line="76"/>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/audit_viewer.py" line="77"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/audit_viewer.py" line="78"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <location filename="../../desktop/admin/audit_viewer.py" line="103"/>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/audit_viewer.py" line="114"/>
        <source>校验哈希链</source>
        <translation>Verify hash chain</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/audit_viewer.py" line="116"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/audit_viewer.py" line="118"/>
        <source>重新锚定…</source>
        <translation>Re-anchor…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/audit_viewer.py" line="121"/>
        <source>数据库在服务器端恢复或重新建立后使用：原因记入审计日志，各工作站从此重新记录锚点</source>
        <translation>Use after the database was restored on the server or made anew: the reason goes into the audit log and every workstation starts its anchors again</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/audit_viewer.py" line="142"/>
        <source>正在校验…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/audit_viewer.py" line="148"/>
        <source>重新锚定审计日志</source>
        <translation>Re-anchor the audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/audit_viewer.py" line="150"/>
        <source>为什么审计日志回到了过去？（例如：服务器端从 11 月 20 日的备份恢复）</source>
        <translation>Why did the audit log go back in time? (e.g. restored on the server from the 20 November backup)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/audit_viewer.py" line="159"/>
        <source>正在记录…</source>
        <translation>Recording…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/audit_viewer.py" line="167"/>
        <source>已记入审计日志第 %1 条；各工作站从此重新记录锚点</source>
        <translation>Recorded as audit entry %1; every workstation starts its anchors again from here</translation>
    </message>
</context>
<context>
    <name>AwaitingModel</name>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="124"/>
        <source>案件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="125"/>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="126"/>
        <source>原承办部门</source>
        <translation>Previous department</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="127"/>
        <source>上报时间</source>
        <translation>Escalated at</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="128"/>
        <source>上会期限</source>
        <translation>Meeting due by</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="129"/>
        <source>上报原因</source>
        <translation>Reason for escalation</translation>
    </message>
</context>
<context>
    <name>BigScreen</name>
    <message>
        <location filename="../../desktop/stats/big_screen.py" line="71"/>
        <source>大屏模式</source>
        <translation>Wall display</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/big_screen.py" line="82"/>
        <source>按 Esc 或 F11 退出大屏</source>
        <translation>Press Esc or F11 to leave the wall display</translation>
    </message>
</context>
<context>
    <name>BrokenAuditDialog</name>
    <message>
        <location filename="../../desktop/admin/broken_audit_dialog.py" line="31"/>
        <source>备份的审计日志未通过校验</source>
        <translation>The backup&apos;s audit log failed verification</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/broken_audit_dialog.py" line="34"/>
        <source>备份 %1 的审计日志未通过校验（%2）：其中的记录可能被改动过。
如确认仍要用它恢复，请写明原因；原因和校验问题会记入恢复后数据库的审计日志。</source>
        <translation>The audit log of backup %1 failed verification (%2): its entries may have been altered.
To restore from it anyway, give the reason; the reason and the problem go into the restored database&apos;s audit log.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/broken_audit_dialog.py" line="45"/>
        <source>接受的原因（必填）</source>
        <translation>Reason for accepting it (required)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/broken_audit_dialog.py" line="49"/>
        <source>仍然恢复</source>
        <translation>Restore anyway</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/broken_audit_dialog.py" line="51"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CalendarEditor</name>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="181"/>
        <source>节假日日历</source>
        <translation>Holiday calendar</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="193"/>
        <source>标记为正式</source>
        <translation>Mark as official</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="195"/>
        <source>国务院的放假安排已全部录入后，把这一年标记为正式</source>
        <translation>Mark this year official once the State Council&apos;s holiday schedule has been entered in full</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="198"/>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="221"/>
        <source>工作日</source>
        <translation>Working day</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="222"/>
        <source>休息日</source>
        <translation>Rest day</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="223"/>
        <source>放假（休）</source>
        <translation>Holiday (休)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="224"/>
        <source>调休上班（班）</source>
        <translation>Make-up working day (班)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="232"/>
        <source>双击一天即切换：工作日 ↔ 放假，周末 ↔ 调休上班。</source>
        <translation>Double-click a day to switch it: working day ↔ holiday, weekend ↔ make-up working day.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="236"/>
        <location filename="../../desktop/admin/calendar_editor.py" line="371"/>
        <source>请选择一天</source>
        <translation>Choose a day</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="240"/>
        <source>节日名称，如 春节</source>
        <translation>Holiday name, e.g. Spring Festival</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="243"/>
        <source>设为放假</source>
        <translation>Make it a holiday</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="245"/>
        <source>设为上班</source>
        <translation>Make it a working day</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="247"/>
        <source>恢复默认</source>
        <translation>Restore default</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="259"/>
        <source>从 Excel 导入…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="262"/>
        <source>列：日期、类型（放假 / 调休上班）、名称；导入后替换这一年</source>
        <translation>Columns: 日期 (date), 类型 (放假 / 调休上班), 名称 (name); the import replaces the whole year</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="265"/>
        <source>导出为 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="293"/>
        <source>只有管理员可以修改节假日日历。</source>
        <translation>Only an administrator can change the holiday calendar.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="318"/>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="332"/>
        <source>正式</source>
        <translation>official</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="332"/>
        <source>暂定</source>
        <translation>provisional</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="333"/>
        <source>未录入</source>
        <translation>not entered</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="338"/>
        <source>%1 年：未录入（只按周末休息计算）</source>
        <translation>%1: not entered (only weekends are rest days)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="339"/>
        <source>内置</source>
        <translation>bundled</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="339"/>
        <source>本中心</source>
        <translation>this center</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="341"/>
        <source>%1 年：%2 · %3 · 放假 %4 天，调休上班 %5 天</source>
        <translation>%1: %2 · %3 · %4 holidays, %5 make-up working days</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="351"/>
        <source>（%1 于 %2 修改）</source>
        <translation> (changed by %1 on %2)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="428"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="433"/>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="435"/>
        <source>%1 件在办案件的时限已按新日历重新计算。</source>
        <translation>The deadlines of %1 open cases were recomputed on the new calendar.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="462"/>
        <source>导入 %1 年节假日</source>
        <translation>Import the holidays of %1</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="464"/>
        <location filename="../../desktop/admin/calendar_editor.py" line="501"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="476"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="487"/>
        <source>发现 %1 处问题，未导入任何数据；请修正后重试。</source>
        <translation>%1 problems found; nothing was imported. Correct them and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="499"/>
        <source>导出 %1 年节假日</source>
        <translation>Export the holidays of %1</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="515"/>
        <source>已导出到 %1</source>
        <translation>Exported to %1</translation>
    </message>
</context>
<context>
    <name>CallDialog</name>
    <message>
        <location filename="../../desktop/cases/case_notes.py" line="60"/>
        <source>记录电话</source>
        <translation>Log call</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_notes.py" line="68"/>
        <source>如 反映人、燃气公司 王工</source>
        <translation>e.g. the reporter, Wang of the gas company</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_notes.py" line="80"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_notes.py" line="81"/>
        <source>通话对象</source>
        <translation>Called</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_notes.py" line="82"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_notes.py" line="83"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_notes.py" line="84"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_notes.py" line="89"/>
        <source>记录</source>
        <translation>Log</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_notes.py" line="91"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CallForm</name>
    <message>
        <location filename="../../desktop/intake/models.py" line="30"/>
        <source>建议</source>
        <translation>Proposal</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/models.py" line="31"/>
        <source>依据</source>
        <translation>Why</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/models.py" line="48"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/models.py" line="49"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/models.py" line="50"/>
        <source>所属</source>
        <translation>Belongs to</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/models.py" line="65"/>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/models.py" line="66"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/models.py" line="67"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/models.py" line="68"/>
        <source>疑似理由</source>
        <translation>Why</translation>
    </message>
</context>
<context>
    <name>CallFormDialog</name>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="106"/>
        <source>来电登记</source>
        <translation>Take a call</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="118"/>
        <source>来电内容</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="122"/>
        <source>姓名，可留空</source>
        <translation>Name (optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="125"/>
        <source>手机或带区号的固定电话</source>
        <translation>Mobile, or landline with area code</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="129"/>
        <source>来电</source>
        <translation>Phone call</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="130"/>
        <source>来访</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="131"/>
        <source>网格上传</source>
        <translation>Grid upload</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="132"/>
        <source>12345 热线</source>
        <translation>12345 hotline</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="133"/>
        <source>上级交办</source>
        <translation>Assigned from above</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="134"/>
        <source>巡查发现</source>
        <translation>Found on patrol</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="138"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="142"/>
        <source>如：紫金路149号 紫金小区3号楼门口</source>
        <translation>e.g. 149 Zijin Rd, at building 3 of Zijin estate</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="146"/>
        <source>来电人反映的问题，用他的话记下</source>
        <translation>The problem, in the caller&apos;s own words</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="151"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="158"/>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="159"/>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="160"/>
        <source>事发地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="161"/>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="172"/>
        <source>Delete 删除选中的照片</source>
        <translation>Delete removes the selected photo</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="174"/>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="176"/>
        <source>Ctrl+O；也可以把图片文件拖到本窗口</source>
        <translation>Ctrl+O; you can also drop image files on this window</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="178"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="188"/>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="192"/>
        <source>Tab 在各栏间移动 · Alt+1…3 / Ctrl+1…3 确认建议 · F3 / F4 选择 · Ctrl+O 添加照片 · Ctrl+Enter 保存 · Esc 取消</source>
        <translation>Tab moves between fields · Alt+1…3 / Ctrl+1…3 confirm a proposal · F3 / F4 pick · Ctrl+O add photos · Ctrl+Enter save · Esc cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="202"/>
        <source>系统建议（需确认）</source>
        <translation>Proposals (to confirm)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="223"/>
        <source>选择其他网格…</source>
        <translation>Pick another grid…</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="227"/>
        <source>选择其他小类…</source>
        <translation>Pick another category…</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="237"/>
        <source>疑似重复</source>
        <translation>Possible duplicates</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="245"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="245"/>
        <source>Alt+1…3 确认 · F3 选择其他</source>
        <translation>Alt+1…3 confirm · F3 pick another</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="251"/>
        <source>小类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="251"/>
        <source>Ctrl+1…3 确认 · F4 选择其他</source>
        <translation>Ctrl+1…3 confirm · F4 pick another</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="265"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="268"/>
        <source>保存（待立案）</source>
        <translation>Save (to register)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="273"/>
        <source>保存并立案</source>
        <translation>Save and register</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="384"/>
        <source>建议处置部门：%1（%2）</source>
        <translation>Suggested department: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="389"/>
        <source>建议处置部门：确认小类后给出</source>
        <translation>Suggested department: after the category is confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="391"/>
        <source>地址可能属于多个网格，请确认</source>
        <translation>The address may lie in several grids; please confirm</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="397"/>
        <source>疑似重复（%1 件，Enter 查看）</source>
        <translation>Possible duplicates (%1, Enter to view)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="399"/>
        <source>疑似重复：无</source>
        <translation>Possible duplicates: none</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="415"/>
        <source>没有第 %1 条网格建议；按 F3 选择网格</source>
        <translation>There is no grid proposal %1; press F3 to pick a grid</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="424"/>
        <source>没有第 %1 条小类建议；按 F4 选择小类</source>
        <translation>There is no category proposal %1; press F4 to pick a category</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="437"/>
        <source>选择网格</source>
        <translation>Pick a grid</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="440"/>
        <source>选择小类</source>
        <translation>Pick a category</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="451"/>
        <location filename="../../desktop/intake/call_form.py" line="455"/>
        <source>调度员选择</source>
        <translation>Chosen by the dispatcher</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="468"/>
        <source>未确认</source>
        <translation>not confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="470"/>
        <source>网格：%1</source>
        <translation>Grid: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="475"/>
        <source>小类：%1</source>
        <translation>Category: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="508"/>
        <source>添加照片</source>
        <translation>Add photos</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="508"/>
        <source>照片（%1）</source>
        <translation>Photos (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="538"/>
        <source>最多附 %1 张照片</source>
        <translation>At most %1 photos</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="545"/>
        <source>保留拍摄位置</source>
        <translation>location kept</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="545"/>
        <source>已去除拍摄位置</source>
        <translation>location removed</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="551"/>
        <source>照片 %1 含拍摄位置，已按中心设置去除</source>
        <translation>Photo %1 carried its location; removed as the center&apos;s setting says</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="622"/>
        <source>当前角色不能直接立案；按 Ctrl+Enter 保存为待立案</source>
        <translation>Your role cannot register at once; press Ctrl+Enter to save it as to-register</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="625"/>
        <source>请先确认网格（Alt+1…3）或按 F3 选择</source>
        <translation>Confirm the grid first (Alt+1…3) or press F3 to pick one</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="629"/>
        <source>请先确认小类（Ctrl+1…3）或按 F4 选择</source>
        <translation>Confirm the category first (Ctrl+1…3) or press F4 to pick one</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="633"/>
        <source>照片还在检查中，请稍候再保存</source>
        <translation>Photos are still being checked; save in a moment</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="639"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="673"/>
        <source>放弃登记</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="674"/>
        <source>放弃这次来电登记？已填写的内容不会保存。</source>
        <translation>Discard this call? What you typed will not be saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="678"/>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="679"/>
        <source>继续登记</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/call_form.py" line="704"/>
        <source>当前角色不能登记来电</source>
        <translation>Your role cannot take calls</translation>
    </message>
</context>
<context>
    <name>CaseDetailPane</name>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="150"/>
        <source>在队列中选择一个案件查看详情</source>
        <translation>Select a case in the queue to see its details</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="272"/>
        <source>照片（%1）</source>
        <translation>Photos (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="282"/>
        <source>加载中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="297"/>
        <source>基本信息</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="308"/>
        <source>全部反映人（%1 人）</source>
        <translation>All reporters (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="315"/>
        <source>时限</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="319"/>
        <source>时间</source>
        <translation>Times</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="324"/>
        <source>承办部门</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="340"/>
        <source>内部备注（%1）</source>
        <translation>Internal notes (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="418"/>
        <source>%1&#x3000;%2（已记入审计日志）</source>
        <translation>%1&#x3000;%2 (recorded in the audit log)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="347"/>
        <source>处理记录（%1）</source>
        <translation>History (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="447"/>
        <source>本部门协办此案：在「承办部门」中办理本部门的协办</source>
        <translation>Your department co-handles this case: take its steps under “Departments”</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="449"/>
        <source>当前状态没有可执行的操作</source>
        <translation>No action is possible in this state</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="460"/>
        <source>您的角色不能执行此操作</source>
        <translation>Your role may not take this action</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="462"/>
        <source>实时连接中断，恢复前只能查看</source>
        <translation>The live connection is lost: view only until it is back</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="480"/>
        <source>无法显示</source>
        <translation>Cannot show</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="547"/>
        <source>案件 %1：%2（%3）已完成</source>
        <translation>Case %1: %2 (%3) done</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="586"/>
        <source>案件 %1：%2 已完成</source>
        <translation>Case %1: %2 done</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="606"/>
        <source>操作未执行</source>
        <translation>Action not taken</translation>
    </message>
</context>
<context>
    <name>CaseDetailSections</name>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="85"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="47"/>
        <location filename="../../desktop/cases/detail_sections.py" line="127"/>
        <source>（未留名）</source>
        <translation>(anonymous)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="51"/>
        <source>回访：%1</source>
        <translation>Callback: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="55"/>
        <source>未回访</source>
        <translation>Not called back</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="133"/>
        <source>上报人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="137"/>
        <source>显示完整号码</source>
        <translation>Show full number</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="146"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="147"/>
        <source>上报人员</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="150"/>
        <source>责任部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="151"/>
        <source>（未派遣）</source>
        <translation>(not dispatched)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="155"/>
        <source>派遣意见</source>
        <translation>Dispatch note</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="159"/>
        <source>默认部门</source>
        <translation>Default department</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="164"/>
        <source>坐标</source>
        <translation>Coordinates</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="170"/>
        <source>回访满意度</source>
        <translation>Callback satisfaction</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="174"/>
        <source>已合并到</source>
        <translation>Merged into</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="178"/>
        <source>报告数</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="179"/>
        <source>%1 次（已合并：%2）</source>
        <translation>%1 (merged: %2)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="186"/>
        <source>疑似重复</source>
        <translation>Possible duplicates</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="187"/>
        <source>%1 件，按 Ctrl+Shift+M 比较</source>
        <translation>%1 — press Ctrl+Shift+M to compare</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="193"/>
        <source>延期 %1 次</source>
        <translation>extended %1×</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="194"/>
        <source>返工 %1 次</source>
        <translation>reworked %1×</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="195"/>
        <source>退单 %1 次</source>
        <translation>returned %1×</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="196"/>
        <source>督办 %1 次</source>
        <translation>urged %1×</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="201"/>
        <source>曾超期</source>
        <translation>was overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="203"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="257"/>
        <source>上报</source>
        <comment>time</comment>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="258"/>
        <source>立案</source>
        <comment>time</comment>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="259"/>
        <source>派遣</source>
        <comment>time</comment>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="260"/>
        <source>受理</source>
        <comment>time</comment>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="261"/>
        <source>反馈</source>
        <comment>time</comment>
        <translation>Feedback given</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="262"/>
        <source>挂账</source>
        <comment>time</comment>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="263"/>
        <source>结案</source>
        <comment>time</comment>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="278"/>
        <source>（中心代录）</source>
        <translation>(entered by the centre)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="295"/>
        <source>依部门延期申请 %1</source>
        <translation>On the department&apos;s extension request %1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="301"/>
        <source>处置后照片：%1</source>
        <translation>Photos after handling: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="343"/>
        <source>回访电话</source>
        <translation>Callback call</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="344"/>
        <source>催办电话</source>
        <translation>Urging call</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="345"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="355"/>
        <source>内部备注</source>
        <translation>Internal notes</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="217"/>
        <source>派遣</source>
        <comment>stage</comment>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="218"/>
        <source>处置</source>
        <comment>stage</comment>
        <translation>Handling</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="219"/>
        <source>核查</source>
        <comment>stage</comment>
        <translation>Verification</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="239"/>
        <source>预警</source>
        <translation>Warning at</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="244"/>
        <source>挂账中，计时暂停</source>
        <translation>Suspended: the clock is stopped</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="289"/>
        <source>延期至 %1</source>
        <translation>Extended to %1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="307"/>
        <source>满意度：%1</source>
        <translation>Satisfaction: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="313"/>
        <source>合并到 %1</source>
        <translation>Merged into %1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="321"/>
        <source>时限 %1 → %2</source>
        <translation>Deadline %1 → %2</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail_sections.py" line="327"/>
        <source>原部门：%1</source>
        <translation>Previous department: %1</translation>
    </message>
</context>
<context>
    <name>CaseNotes</name>
    <message>
        <location filename="../../desktop/cases/case_notes.py" line="204"/>
        <source>电话记录</source>
        <translation>Call log</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_notes.py" line="206"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="80"/>
        <source>相似度 %1%：%2</source>
        <translation>Similarity %1%: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="90"/>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="91"/>
        <source>位置</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="92"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="93"/>
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="95"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="97"/>
        <source>办结时间</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="98"/>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="100"/>
        <source>已合并到</source>
        <translation>Merged into</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="101"/>
        <source>报告数</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="103"/>
        <source>反映人</source>
        <translation>Reporters</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="122"/>
        <source>（无照片）</source>
        <translation>(no photos)</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <location filename="../../desktop/intake/pickers.py" line="130"/>
        <source>案件 %1（只读）</source>
        <translation>Case %1 (read-only)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pickers.py" line="133"/>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pickers.py" line="136"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pickers.py" line="156"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pickers.py" line="157"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pickers.py" line="158"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pickers.py" line="159"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pickers.py" line="160"/>
        <source>小类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pickers.py" line="161"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pickers.py" line="162"/>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pickers.py" line="164"/>
        <source>反映人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pickers.py" line="167"/>
        <source>处置部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pickers.py" line="168"/>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pickers.py" line="168"/>
        <source>%1 张</source>
        <translation>%1</translation>
    </message>
</context>
<context>
    <name>CaseWindow</name>
    <message>
        <location filename="../../desktop/cases/case_detail.py" line="624"/>
        <source>案件 %1</source>
        <translation>Case %1</translation>
    </message>
</context>
<context>
    <name>CatalogueActions</name>
    <message>
        <location filename="../../desktop/admin/catalogue_actions.py" line="59"/>
        <source>新增小类…</source>
        <translation>New minor class…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_actions.py" line="60"/>
        <source>名称与关键词…</source>
        <translation>Name and keywords…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_actions.py" line="61"/>
        <source>停用 / 启用</source>
        <translation>Retire / reactivate</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_actions.py" line="62"/>
        <source>导出目录…</source>
        <translation>Export catalogue…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_actions.py" line="63"/>
        <source>导入目录…</source>
        <translation>Import catalogue…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_actions.py" line="87"/>
        <source>请先选择一个小类</source>
        <translation>Select a minor class first</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_actions.py" line="106"/>
        <source>已添加小类 %1 %2（%3）</source>
        <translation>Minor class %1 %2 added (%3)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_actions.py" line="131"/>
        <source>小类 %1 %2 已保存</source>
        <translation>Minor class %1 %2 saved</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_actions.py" line="148"/>
        <source>小类 %1 %2 已启用，可以上报此类案件</source>
        <translation>Minor class %1 %2 reactivated: such cases can be reported again</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_actions.py" line="149"/>
        <source>小类 %1 %2 已停用：不能再上报此类案件，已有案件和报表保留此类别</source>
        <translation>Minor class %1 %2 retired: no new cases of it can be reported; existing cases and returns keep it</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_actions.py" line="166"/>
        <source>导出案件类别目录</source>
        <translation>Export the case catalogue</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_actions.py" line="167"/>
        <source>案件类别目录.xlsx</source>
        <translation>case-catalogue.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_actions.py" line="168"/>
        <location filename="../../desktop/admin/catalogue_actions.py" line="193"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_actions.py" line="173"/>
        <source>已导出 %1 个小类到 %2</source>
        <translation>%1 minor classes exported to %2</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_actions.py" line="191"/>
        <source>导入案件类别目录</source>
        <translation>Import the case catalogue</translation>
    </message>
</context>
<context>
    <name>CatalogueForm</name>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="39"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="41"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CataloguePlanDialog</name>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="237"/>
        <source>导入案件类别目录</source>
        <translation>Import the case catalogue</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="242"/>
        <source>没有变化。</source>
        <translation>No changes.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="246"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="250"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>CategoriesModel</name>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="64"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="65"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="66"/>
        <source>大类</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="67"/>
        <source>默认部门</source>
        <translation>Default department</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="68"/>
        <source>派遣时限（小时）</source>
        <translation>Dispatch limit (h)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="69"/>
        <source>处置时限（小时）</source>
        <translation>Handling limit (h)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="70"/>
        <source>核查时限（小时）</source>
        <translation>Verification limit (h)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="71"/>
        <source>计时</source>
        <translation>Clock</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="72"/>
        <location filename="../../desktop/admin/master_data_models.py" line="89"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="73"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="74"/>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="79"/>
        <source>自然时</source>
        <translation>Natural time</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="79"/>
        <source>工作时</source>
        <translation>Working time</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="99"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="101"/>
        <source>停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="102"/>
        <source>停用（%1）</source>
        <translation>retired (%1)</translation>
    </message>
</context>
<context>
    <name>CategoryForm</name>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="99"/>
        <source>修改案件类别 %1 %2</source>
        <translation>Edit case category %1 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="103"/>
        <source>（无默认部门）</source>
        <translation>(no default department)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="119"/>
        <source>工作时（只计工作日的工作时间）</source>
        <translation>Working time (working hours of working days only)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="120"/>
        <source>自然时（昼夜连续计时）</source>
        <translation>Natural time (round the clock)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="122"/>
        <source>紧急类别</source>
        <translation>Urgent category</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="125"/>
        <source>启用（停用后不能再上报此类案件）</source>
        <translation>Active (a disabled category takes no new reports)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="129"/>
        <source>时限以小时计（可写 0.5）。已有案件的期限不变，新时限从下一次流转开始使用。</source>
        <translation>Limits are in hours (0.5 is allowed). Existing cases keep their deadlines; new limits apply from the next transition.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="134"/>
        <source>默认部门</source>
        <translation>Default department</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="135"/>
        <source>派遣时限（小时）</source>
        <translation>Dispatch limit (h)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="136"/>
        <source>处置时限（小时）</source>
        <translation>Handling limit (h)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="137"/>
        <source>核查时限（小时）</source>
        <translation>Verification limit (h)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="138"/>
        <source>计时方式</source>
        <translation>Time basis</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="212"/>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="223"/>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="224"/>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="225"/>
        <source>再输入一次</source>
        <translation>Repeat new password</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="238"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="322"/>
        <source>第 3 步，共 4 步：检查结果</source>
        <translation>Step 3 of 4: check</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="323"/>
        <source>写入数据库</source>
        <translation>Write to the database</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="347"/>
        <source>本中心</source>
        <translation>This center</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="350"/>
        <source>填报单位</source>
        <translation>Reporting unit</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="351"/>
        <source>区县</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="352"/>
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="353"/>
        <source>社区</source>
        <translation>Communities</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="354"/>
        <source>部门</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="355"/>
        <source>与数据库比较</source>
        <translation>Compared with the database</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="381"/>
        <source>模板中有问题</source>
        <translation>The template has problems</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="386"/>
        <source>发现 %1 处问题，没有写入任何数据。请在模板中逐一改正，然后按“上一步”重新选择文件。</source>
        <translation>%1 problems found; nothing was written. Correct each of them in the template, then press “Back” and choose the file again.</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="393"/>
        <source>检查通过：请确认将要写入的内容</source>
        <translation>No problems: confirm what will be written</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="398"/>
        <source>没有发现问题。下面是模板中的内容，以及与数据库比较后将新建和更新的数目；按“写入数据库”一次写入全部内容。</source>
        <translation>No problems found. Below is what the template holds and how many rows will be created and updated; “Write to the database” writes all of it at once.</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="409"/>
        <source>%1（%2 个网格）</source>
        <translation>%1 (%2 grids)</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="414"/>
        <location filename="../../desktop/setup/setup_wizard.py" line="416"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="433"/>
        <source>正在写入…</source>
        <translation>Writing…</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="454"/>
        <source>没有写入任何数据：%1</source>
        <translation>Nothing was written: %1</translation>
    </message>
</context>
<context>
    <name>CoStepDialog</name>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="243"/>
        <source>%1 · 案件 %2</source>
        <translation>%1 · case %2</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="249"/>
        <location filename="../../desktop/cases/co_section.py" line="253"/>
        <source>协办部门</source>
        <translation>Co-department</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="255"/>
        <source>派遣意见（可选）</source>
        <translation>Dispatch note (optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="256"/>
        <source>退回原因</source>
        <translation>Reason for return</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="257"/>
        <source>反馈内容</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="258"/>
        <source>解除原因</source>
        <translation>Reason for release</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="263"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="270"/>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="274"/>
        <source>未添加</source>
        <translation>None added</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="279"/>
        <source>处置后照片</source>
        <translation>Photos after handling</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="285"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="296"/>
        <source>选择处置后照片</source>
        <translation>Choose photos after handling</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="298"/>
        <source>图片 (*.jpg *.jpeg *.png *.gif *.webp)</source>
        <translation>Images (*.jpg *.jpeg *.png *.gif *.webp)</translation>
    </message>
</context>
<context>
    <name>CohandleRequestDialog</name>
    <message>
        <location filename="../../desktop/inbox/request_dialogs.py" line="104"/>
        <source>申请协办 — 案件 %1</source>
        <translation>Ask for co-handling — case %1</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/request_dialogs.py" line="112"/>
        <source>协办部门</source>
        <translation>Co-handling departments</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/request_dialogs.py" line="122"/>
        <source>请选择至少一个协办部门。</source>
        <translation>Choose at least one co-handling department.</translation>
    </message>
</context>
<context>
    <name>CommunitiesModel</name>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="52"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="53"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="54"/>
        <source>常住人口</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="55"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="56"/>
        <source>网格数</source>
        <translation>Grids</translation>
    </message>
</context>
<context>
    <name>CommunitiesTab</name>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="149"/>
        <source>添加社区…</source>
        <translation>Add community…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="150"/>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="152"/>
        <source>写出建街模板…</source>
        <translation>Write setup template…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="155"/>
        <source>从模板导入…</source>
        <translation>Import from template…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="158"/>
        <source>街道、社区、网格和部门的 Excel 模板（与首次设置相同）</source>
        <translation>The Excel template for street, communities, grids and departments (the same as at first start)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="161"/>
        <source>导入填好的模板：已有的编码更新，新的编码添加，不会重复</source>
        <translation>Import a filled template: existing codes are updated, new codes added, nothing duplicated</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="216"/>
        <source>请先选择一个社区</source>
        <translation>Select a community first</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="222"/>
        <source>已添加社区 %1 %2</source>
        <translation>Community %1 %2 added</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="242"/>
        <source>社区 %1 %2 已保存</source>
        <translation>Community %1 %2 saved</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="257"/>
        <source>建街模板已写出：%1</source>
        <translation>Setup template written: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="281"/>
        <source>已从模板导入。新建：%1；更新：%2</source>
        <translation>Imported from the template. Created: %1; updated: %2</translation>
    </message>
</context>
<context>
    <name>CommunityForm</name>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="70"/>
        <source>添加社区</source>
        <translation>Add community</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="70"/>
        <source>修改社区</source>
        <translation>Edit community</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="75"/>
        <source>12 位：街道编码 + 3 位</source>
        <translation>12 digits: street code + 3</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="83"/>
        <source>社区编码</source>
        <translation>Community code</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="84"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="85"/>
        <source>常住人口</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="86"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="90"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/communities_tab.py" line="91"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CountsGrid</name>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="100"/>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="100"/>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="100"/>
        <source>无变化</source>
        <translation>Unchanged</translation>
    </message>
</context>
<context>
    <name>DbMessages</name>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="8"/>
        <source>案件 {0} 当前状态为「{1}」，不能执行「{2}」</source>
        <translation>Case {0} is &quot;{1}&quot;, so &quot;{2}&quot; is not possible</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="9"/>
        <source>案件 {0} 当前状态为「{1}」，不能执行「{2}」：{3}</source>
        <translation>Case {0} is &quot;{1}&quot;, so &quot;{2}&quot; is not possible: {3}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="10"/>
        <source>案件 {0} 已被他人修改（现为「{1}」），「{2}」未执行，请刷新后重试</source>
        <translation>Case {0} was changed by someone else (now &quot;{1}&quot;); &quot;{2}&quot; was not done. Refresh and try again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="13"/>
        <source>备份 {0} 的审计日志未通过校验（{1}），拒绝恢复，当前数据库未改动</source>
        <translation>The audit log of backup {0} failed verification ({1}); it was not restored and the current database is unchanged</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="16"/>
        <source>备份 {0} 的审计日志未通过校验（{1}），拒绝恢复，当前数据库未改动；{2}</source>
        <translation>The audit log of backup {0} failed verification ({1}); it was not restored and the current database is unchanged; {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="19"/>
        <source>该网格</source>
        <translation>in this grid</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="20"/>
        <source>全街道</source>
        <translation>across the street</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="21"/>
        <source>未保存任何内容（数据库保持原样）</source>
        <translation>nothing was saved (the database is as it was)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="22"/>
        <source>维护案件类别</source>
        <translation>maintain the case categories</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="24"/>
        <source>{0} → {1}</source>
        <translation>{0} → {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="25"/>
        <source>生效日期应为日期（如 2027-01-01）</source>
        <translation>The effective date must be a date (e.g. 2027-01-01)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="26"/>
        <source>生效日期 {0} 晚于今天（{1}）：区划调整请在生效当天或之后办理</source>
        <translation>Effective date {0} is later than today ({1}): carry out a boundary adjustment on or after the day it takes effect</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="27"/>
        <source>网格编码应为文字</source>
        <translation>The grid code must be text</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="28"/>
        <source>网格编码 {0} 不存在</source>
        <translation>Grid code {0} does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="29"/>
        <source>社区编码应为文字</source>
        <translation>The community code must be text</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="30"/>
        <source>社区编码 {0} 不存在</source>
        <translation>Community code {0} does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="31"/>
        <source>{0}已于 {1} 停用，不能再调整</source>
        <translation>{0} was retired on {1} and can no longer be adjusted</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="32"/>
        <source>生效日期 {0} 不能早于或等于{1}的启用日期 {2}</source>
        <translation>Effective date {0} must be later than {2}, the date {1} came into use</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="33"/>
        <source>{0}在 {1} 已有一次调整，生效日期 {2} 不能早于它</source>
        <translation>{0} already has an adjustment on {1}, so effective date {2} cannot be earlier than that</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="34"/>
        <source>新网格编码应为文字</source>
        <translation>The new grid code must be text</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="35"/>
        <source>新网格编码 {0} 重复</source>
        <translation>New grid code {0} appears more than once</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="36"/>
        <source>网格编码 {0} 已被使用（停用网格的编码也不再使用）</source>
        <translation>Grid code {0} is already taken (codes of retired grids are not reused either)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="37"/>
        <source>{0} {1} 已叫「{2}」</source>
        <translation>{0} {1} is already called &quot;{2}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="38"/>
        <source>调整网格</source>
        <translation>adjust grids</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="39"/>
        <source>调整社区</source>
        <translation>adjust communities</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="40"/>
        <source>停用网格</source>
        <translation>retire grids</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="41"/>
        <source>网格 {0} 还有在岗网格长、网格员 {1} 人：请先调整名册，或把该网格合并到其他网格</source>
        <translation>Grid {0} still has {1} grid leaders and grid workers in post: adjust the roster first, or merge this grid into another grid</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="45"/>
        <source>拆分网格</source>
        <translation>split grids</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="46"/>
        <source>拆分至少要有两个新网格</source>
        <translation>A split needs at least two new grids</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="47"/>
        <source>合并网格</source>
        <translation>merge grids</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="48"/>
        <source>合并后的网格编码应为文字</source>
        <translation>The grid code after the merge must be text</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="49"/>
        <source>合并至少要有两个网格</source>
        <translation>A merge needs at least two grids</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="50"/>
        <source>合并社区</source>
        <translation>merge communities</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="51"/>
        <source>请指定要合并的社区</source>
        <translation>Please specify the communities to merge</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="52"/>
        <source>合并后的社区编码应为文字</source>
        <translation>The community code after the merge must be text</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="53"/>
        <source>社区 {0} 既是被合并的社区又是合并后的社区</source>
        <translation>Community {0} is both a community being merged and the community after the merge</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="54"/>
        <source>只能合并同一街道的社区</source>
        <translation>Only communities in the same street can be merged</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="55"/>
        <source>网格 {0}（{1}）在 {2} 及以后已上报 {3} 件案件（最晚 {4}），生效日期应晚于该日</source>
        <translation>Grid {0} ({1}) has {3} cases reported on or after {2} (the latest on {4}); the effective date must be after that day</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="59"/>
        <source>新网格名称「{0}」重复</source>
        <translation>New grid name &quot;{0}&quot; appears more than once</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="60"/>
        <source>社区{0}已有名为「{1}」的网格（{2}）</source>
        <translation>Community {0} already has a grid named &quot;{1}&quot; ({2})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="61"/>
        <source>已有名为「{0}」的社区（{1}）</source>
        <translation>A community named &quot;{0}&quot; already exists ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="62"/>
        <source>网格 {0} 重复</source>
        <translation>Grid {0} appears more than once</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="63"/>
        <source>网格 {0} 与 {1} 不在同一社区；跨社区请先合并社区</source>
        <translation>Grids {0} and {1} are not in the same community; to merge across communities, merge the communities first</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="64"/>
        <source>社区 {0} 重复</source>
        <translation>Community {0} appears more than once</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="65"/>
        <source>社区 {0} 不在同一街道</source>
        <translation>Communities {0} are not in the same street</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="66"/>
        <source>合并至少要有两个社区（或并入一个已有社区）</source>
        <translation>A merge needs at least two communities (or one community merged into an existing one)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="67"/>
        <source>网格 {0} 不是被合并社区中在用的网格</source>
        <translation>Grid {0} is not a grid in use in the communities being merged</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="68"/>
        <source>原网格没有在岗人员「{0}」</source>
        <translation>The original grid has no staff in post named &quot;{0}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="69"/>
        <source>原网格有 {0} 人叫「{1}」，请改用名册编号（{2}）</source>
        <translation>The original grid has {0} people named &quot;{1}&quot;; use the roster number instead ({2})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="70"/>
        <source>名册记录 {0} 不是网格 {1} 的在岗人员</source>
        <translation>Roster record {0} is not a staff member in post in grid {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="71"/>
        <source>人员去向 {0} 不是本次拆分出的新网格</source>
        <translation>Staff destination {0} is not one of the new grids from this split</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="72"/>
        <source>更名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="73"/>
        <source>停用</source>
        <translation>Retire</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="74"/>
        <source>拆分</source>
        <translation>Split</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="75"/>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="76"/>
        <source>网格长</source>
        <translation>Grid leader</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="77"/>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="78"/>
        <source>发出警报</source>
        <translation>raise alerts</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="79"/>
        <source>查看案件警报</source>
        <translation>view case alerts</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="80"/>
        <source>确认警报</source>
        <translation>acknowledge alerts</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="81"/>
        <source>警报不存在</source>
        <translation>The alarm does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="82"/>
        <source>「{0}」是本案主办部门，不能同时作为协办部门</source>
        <translation>&quot;{0}&quot; is the lead department of this case and cannot also be a co-department</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="83"/>
        <source>协办部门「{0}」重复</source>
        <translation>Co-department &quot;{0}&quot; appears more than once</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="84"/>
        <source>「{0}」已是案件 {1} 的协办部门</source>
        <translation>&quot;{0}&quot; is already a co-department of case {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="85"/>
        <source>待受理</source>
        <translation>To accept</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="86"/>
        <source>处置中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="87"/>
        <source>已反馈</source>
        <translation>Fed back</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="88"/>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="89"/>
        <source>已解除</source>
        <translation>Released</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="90"/>
        <source>案件 {0} 不存在</source>
        <translation>Case {0} does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="91"/>
        <source>标记不是重复</source>
        <translation>mark cases as not duplicates</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="92"/>
        <source>案件 {0} 不能与自身比较</source>
        <translation>Case {0} cannot be compared with itself</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="94"/>
        <source>流转记录完整，共 {0} 件案件的 {1} 条记录</source>
        <translation>The case flow records are intact: {1} records for {0} cases</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="95"/>
        <source>案件 {0} 的流转记录末尾有记录被删除或改动（共剩 {1} 条）</source>
        <translation>Entries at the end of the history of case {0} were deleted or altered ({1} left)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="96"/>
        <source>案件 {0} 的第 {1} 条流转记录与前一条不衔接（前面的记录被删除、插入或改动）</source>
        <translation>History entry {1} of case {0} does not follow on from the one before it (an earlier entry was deleted, inserted or altered)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="99"/>
        <source>第 {0} 号流转记录属于不存在的案件</source>
        <translation>History entry no. {0} belongs to a case that does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="100"/>
        <source>案件 {0} 的第 {1} 条流转记录（{2}）内容被改动过</source>
        <translation>History entry {1} of case {0} ({2}) has been altered</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="101"/>
        <source>案件 {0} 的流转记录全部被删除</source>
        <translation>The whole history of case {0} has been deleted</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="102"/>
        <source>阶段「{0}」无法识别，可选：{1}</source>
        <translation>Stage &quot;{0}&quot; is not recognized; options: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="103"/>
        <source>查看部门待办</source>
        <translation>view a department&apos;s inbox</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="104"/>
        <source>请指定部门</source>
        <translation>Please specify a department</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="105"/>
        <source>查看部门统计</source>
        <translation>view department statistics</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="106"/>
        <source>此部门账号没有所属部门，请联系管理员</source>
        <translation>This department account has no department; please contact the administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="107"/>
        <source>待反馈</source>
        <translation>Feedback due</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="108"/>
        <source>被督办</source>
        <translation>Urged</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="109"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="112"/>
        <source>{0} 当日案件编号已用尽（上限 {1} 件）</source>
        <translation>The case numbers for {0} are used up (limit {1} cases a day)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="113"/>
        <source>案件类别 {0} 不存在或已停用</source>
        <translation>Case category {0} does not exist or is retired</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="115"/>
        <source>上报案件</source>
        <translation>report cases</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="116"/>
        <source>问题描述不能为空</source>
        <translation>The description cannot be empty</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="117"/>
        <source>问题描述过长（最多 2000 字）</source>
        <translation>The description is too long (2000 characters at most)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="118"/>
        <source>经度 {0} 超出范围</source>
        <translation>Longitude {0} is out of range</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="119"/>
        <source>纬度 {0} 超出范围</source>
        <translation>Latitude {0} is out of range</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="120"/>
        <source>有多个名为「{0}」的小类（{1}），请用小类编码</source>
        <translation>There are several categories named &quot;{0}&quot; ({1}); please use the category code</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="121"/>
        <source>照片 {0} 超过 10 MB</source>
        <translation>Photo {0} is larger than 10 MB</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="122"/>
        <source>执行「{0}」</source>
        <translation>do &quot;{0}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="123"/>
        <source>「{0}」需要填写{1}</source>
        <translation>&quot;{0}&quot; requires {1} to be filled in</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="124"/>
        <source>请指定至少一个协办部门</source>
        <translation>Please specify at least one co-department</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="125"/>
        <source>{0}「{1}」无权执行「{2}」：只能办理本部门的协办</source>
        <translation>{0} &quot;{1}&quot; is not allowed to perform &quot;{2}&quot;: only co-handling for their own department can be handled</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="126"/>
        <source>「{0}」不是案件 {1} 的协办部门</source>
        <translation>&quot;{0}&quot; is not a co-department of case {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="127"/>
        <source>协办部门「{0}」当前为「{1}」，不能执行「{2}」</source>
        <translation>Co-department &quot;{0}&quot; is currently &quot;{1}&quot; and cannot perform &quot;{2}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="128"/>
        <source>案件 {0} 尚未派遣，其类别没有默认部门：请先派遣主办部门</source>
        <translation>Case {0} has not been dispatched and its category has no default department: dispatch it to a lead department first</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="129"/>
        <source>电话类型「{0}」无法识别，可选：{1}</source>
        <translation>Call kind &quot;{0}&quot; is not recognized; options: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="130"/>
        <source>备注内容不能为空</source>
        <translation>The note cannot be empty</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="131"/>
        <source>备注内容</source>
        <translation>The note</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="132"/>
        <source>添加案件备注</source>
        <translation>add case notes</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="133"/>
        <source>记录{0}电话</source>
        <translation>record {0} calls</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="134"/>
        <source>请填写通话对象（如 反映人、燃气公司 王工）</source>
        <translation>Please enter who was called (e.g. the reporter, Wang of the gas company)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="135"/>
        <source>通话结果「{0}」无法识别，可选：{1}</source>
        <translation>Call outcome &quot;{0}&quot; is not recognized; options: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="136"/>
        <source>{0} 不是 JPEG、PNG、GIF 或 WebP 图片（{1}）</source>
        <translation>{0} is not a JPEG, PNG, GIF or WebP image ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="137"/>
        <source>状态「{0}」无法识别，可选：{1}，或分组 {2}</source>
        <translation>State &quot;{0}&quot; is not recognized; options: {1}, or the groups {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="138"/>
        <source>查看反映人的完整信息</source>
        <translation>see the reporter&apos;s full details</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="139"/>
        <source>查看完整个人信息需要填写原因</source>
        <translation>A reason is required to view full personal data</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="140"/>
        <source>照片 {0} 不存在</source>
        <translation>Photo {0} does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="141"/>
        <source>查看案件</source>
        <translation>view cases</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="142"/>
        <source>部门 {0} 不存在</source>
        <translation>Department {0} does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="143"/>
        <source>部门「{0}」已停用，不能派遣</source>
        <translation>Department &quot;{0}&quot; is disabled and cannot be dispatched to</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="144"/>
        <source>回访反映人</source>
        <translation>call reporters back</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="145"/>
        <source>案件 {0} 状态为「{1}」，办结后才能回访反映人</source>
        <translation>Case {0} is &quot;{1}&quot;; reporters can be called back only after the case is closed</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="146"/>
        <source>案件 {0} 没有编号为 {1} 的合并反映人</source>
        <translation>Case {0} has no merged reporter with ID {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="147"/>
        <source>{0}需要填写原因</source>
        <translation>{0} requires a reason</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="148"/>
        <source>原因</source>
        <translation>The reason</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="149"/>
        <source>申请延期</source>
        <translation>ask for extensions</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="150"/>
        <source>申请延期需要给出延长的工作日数或新的期限（二选一）</source>
        <translation>An extension request needs either the number of working days to extend by or a new deadline (one of the two)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="151"/>
        <source>延长的工作日数应在 1 到 {0} 之间</source>
        <translation>The number of working days to extend by must be between 1 and {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="152"/>
        <source>案件 {0} 不在待受理或处置中，不能申请延期</source>
        <translation>Case {0} is neither awaiting acceptance nor being handled, so no extension can be requested</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="153"/>
        <source>案件 {0} 已有一份待审批的延期申请</source>
        <translation>Case {0} already has an extension request pending approval</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="154"/>
        <source>审批延期申请</source>
        <translation>decide extension requests</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="155"/>
        <source>查看延期申请</source>
        <translation>view extension requests</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="156"/>
        <source>申请协办</source>
        <translation>ask for co-handling</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="157"/>
        <source>案件 {0} 不在待受理或处置中，不能申请协办</source>
        <translation>Case {0} is neither awaiting acceptance nor being handled, so no co-handling can be requested</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="158"/>
        <source>申请协办需要指定至少一个协办部门</source>
        <translation>A co-handling request needs at least one co-department</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="159"/>
        <source>查看协办申请</source>
        <translation>view co-handling requests</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="160"/>
        <source>新的期限需要带时区</source>
        <translation>The new deadline must include a time zone</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="161"/>
        <source>新的期限应晚于当前期限</source>
        <translation>The new deadline must be later than the current deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="162"/>
        <source>延期申请 {0} 不存在</source>
        <translation>Extension request {0} does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="164"/>
        <source>部门「{0}」不存在或已停用</source>
        <translation>Department &quot;{0}&quot; does not exist or is disabled</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="165"/>
        <source>协办部门不能是本部门</source>
        <translation>The co-department cannot be your own department</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="166"/>
        <source>案件 {0} 已不在申请的部门，不能批准此延期</source>
        <translation>Case {0} is no longer with the requesting department, so this extension cannot be approved</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="167"/>
        <source>已批准</source>
        <translation>approved</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="168"/>
        <source>未批准</source>
        <translation>refused</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="169"/>
        <source>待审批</source>
        <translation>pending approval</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="170"/>
        <source>来源「{0}」无法识别，可选：{1}</source>
        <translation>Source &quot;{0}&quot; is not recognized; options: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="171"/>
        <source>满意度「{0}」无法识别，可选：{1}</source>
        <translation>Satisfaction &quot;{0}&quot; is not recognized; options: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="172"/>
        <source>「{0}」案件：共 {1} 行数据，有效 {2} 行，有问题 {3} 行（{4} 处）</source>
        <translation>&quot;{0}&quot; cases: {1} data rows, {2} valid, {3} with problems ({4} problems)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="175"/>
        <source>「{0}」案件：共 {1} 行数据，有效 {2} 行，有问题 {3} 行（{4} 处），已导入过 {5} 行（将跳过）</source>
        <translation>&quot;{0}&quot; cases: {1} data rows, {2} valid, {3} with problems ({4} problems), {5} imported before (will be skipped)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="179"/>
        <source>「{0}」案件：共 {1} 行数据，有效 {2} 行，有问题 {3} 行（{4} 处），忽略签名或说明行 {5} 行</source>
        <translation>&quot;{0}&quot; cases: {1} data rows, {2} valid, {3} with problems ({4} problems), {5} signature or note rows ignored</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="183"/>
        <source>「{0}」案件：共 {1} 行数据，有效 {2} 行，有问题 {3} 行（{4} 处），已导入过 {5} 行（将跳过），忽略签名或说明行 {6} 行</source>
        <translation>&quot;{0}&quot; cases: {1} data rows, {2} valid, {3} with problems ({4} problems), {5} imported before (will be skipped), {6} signature or note rows ignored</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="187"/>
        <source>已导入：新增案件 {0} 件</source>
        <translation>Imported: {0} new cases</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="188"/>
        <source>已导入：新增案件 {0} 件，已导入过的 {1} 件未重复导入</source>
        <translation>Imported: {0} new cases; {1} imported before were not imported again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="189"/>
        <source>已导入：新增案件 {0} 件，跳过有问题的 {1} 行</source>
        <translation>Imported: {0} new cases; {1} rows with problems skipped</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="190"/>
        <source>已导入：新增案件 {0} 件，已导入过的 {1} 件未重复导入，跳过有问题的 {2} 行</source>
        <translation>Imported: {0} new cases; {1} imported before were not imported again; {2} rows with problems skipped</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="193"/>
        <source>上报时间「{0}」不是日期</source>
        <translation>Report time &quot;{0}&quot; is not a date</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="194"/>
        <source>是否紧急「{0}」应为 是 或 否</source>
        <translation>Urgent &quot;{0}&quot; should be 是 (yes) or 否 (no)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="195"/>
        <source>导入案件</source>
        <translation>import cases</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="196"/>
        <source>第 {0} 行：{1}，未导入任何数据</source>
        <translation>Row {0}: {1}; no data was imported</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="197"/>
        <source>缺少{0}</source>
        <translation>{0} is missing</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="198"/>
        <source>没有编码为 {0} 的网格</source>
        <translation>There is no grid with code {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="199"/>
        <source>案件类别「{0}」不存在或已停用</source>
        <translation>Case category &quot;{0}&quot; does not exist or is retired</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="200"/>
        <source>来源「{0}」应为 {1} 之一</source>
        <translation>Source &quot;{0}&quot; should be one of {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="201"/>
        <source>导入在第 {0} 行起的一批中断（{1}），这一批未写入；此前已分批写入 {2} 件案件并已保存：重新导入同一文件会跳过已导入的工单</source>
        <translation>The import stopped in the batch starting at row {0} ({1}) and that batch was not written; {2} cases from earlier batches were already written and saved: importing the same file again skips the work orders already imported</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="205"/>
        <source>上报时间「{0}」中的时刻不存在</source>
        <translation>The clock time in report time &quot;{0}&quot; does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="206"/>
        <source>缺少必需的列「{0}」</source>
        <translation>The required column &quot;{0}&quot; is missing</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="207"/>
        <source>与第 {0} 行的工单编号重复</source>
        <translation>Same work order number as row {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="208"/>
        <source>「{0}」不能附照片，处置后照片随反馈上传</source>
        <translation>&quot;{0}&quot; cannot have photos attached; photos after handling are uploaded with the feedback</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="209"/>
        <source>部门「{0}」不存在，可选：{1}</source>
        <translation>Department &quot;{0}&quot; does not exist; choose from: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="211"/>
        <source>「{0}」不能指定协办部门</source>
        <translation>&quot;{0}&quot; cannot specify co-departments</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="212"/>
        <source>「{0}」需要填写原因</source>
        <translation>&quot;{0}&quot; requires a reason</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="213"/>
        <source>派遣意见</source>
        <translation>The dispatch instructions</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="214"/>
        <source>原因或说明</source>
        <translation>The reason or note</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="215"/>
        <source>案件 {0} 已在「{1}」，改派需选择其他部门</source>
        <translation>Case {0} is already with &quot;{1}&quot;; choose another department to redispatch it</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="216"/>
        <source>处置期限应晚于现在（带时区的日期时间）</source>
        <translation>The handling deadline must be later than now (a date and time with time zone)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="217"/>
        <source>延期需要给出新的处置期限（带时区的日期时间）</source>
        <translation>An extension needs a new handling deadline (a date and time with time zone)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="218"/>
        <source>新的期限 {0} 应晚于当前期限</source>
        <translation>New deadline {0} must be later than the current deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="219"/>
        <source>回访需要给出满意度（满意 / 基本满意 / 不满意 / 未联系上）</source>
        <translation>A callback needs a satisfaction level (Satisfied / Mostly satisfied / Dissatisfied / Not reached)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="220"/>
        <source>合并需要给出主案件编号（--into）</source>
        <translation>A merge needs the main case number (--into)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="221"/>
        <source>案件 {0} 不能合并到自身</source>
        <translation>Case {0} cannot be merged into itself</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="222"/>
        <source>主案件 {0} 状态为「{1}」，不能作为合并目标</source>
        <translation>The main case {0} is &quot;{1}&quot; and cannot be a merge target</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="223"/>
        <source>案件 {0} 的协办部门{1}尚未反馈或解除，主办部门暂不能反馈</source>
        <translation>Case {0} still has co-departments that have neither given feedback nor been released ({1}), so the lead department cannot give feedback yet</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="224"/>
        <source>「{0}」是本案协办部门，{1}为主办前请先解除其协办</source>
        <translation>&quot;{0}&quot; is a co-department on this case: release its co-handling before making it the lead department ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="225"/>
        <source>「{0}」需要指定部门</source>
        <translation>&quot;{0}&quot; needs a department</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="226"/>
        <source>时限格式错误：「{0}」，应为数字加单位 m/h/d，如 10m、4h、15d</source>
        <translation>Invalid time limit format: &quot;{0}&quot;; use a number followed by m/h/d, e.g. 10m, 4h, 15d</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="227"/>
        <source>时限必须大于 0：「{0}」</source>
        <translation>The time limit must be greater than 0: &quot;{0}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="228"/>
        <source>日期 {0} 不属于 {1} 年</source>
        <translation>Date {0} is not in the year {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="229"/>
        <source>工作时段不能为空</source>
        <translation>Working hours cannot be empty</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="230"/>
        <source>工作时段为空：「{0}」，应为如 08:30-12:00,13:00-17:30</source>
        <translation>No working hours given: &quot;{0}&quot;; use e.g. 08:30-12:00,13:00-17:30</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="231"/>
        <source>日期既是节假日又是调休上班日：{0}</source>
        <translation>Date is both a holiday and a make-up working day: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="232"/>
        <source>无法读取节假日文件 {0}：{1}</source>
        <translation>Cannot read the holiday file {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="233"/>
        <source>节假日文件 {0} 结构错误：{1}</source>
        <translation>Holiday file {0} has an invalid structure: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="234"/>
        <source>工作时段结束须晚于开始：{0}-{1}</source>
        <translation>A working period must end after it starts: {0}-{1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="235"/>
        <source>工作时段重叠或未按先后排列：{0}-{1} 早于上一时段结束 {2}</source>
        <translation>Working periods overlap or are out of order: {0}-{1} begins before the previous period ends at {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="236"/>
        <source>工作时段格式错误：「{0}」，应为 HH:MM-HH:MM，如 08:30-12:00</source>
        <translation>Invalid working period format: &quot;{0}&quot;; use HH:MM-HH:MM, e.g. 08:30-12:00</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="237"/>
        <source>工作时段时间无效：「{0}」</source>
        <translation>Invalid time in working period: &quot;{0}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="238"/>
        <source>节假日文件 {0} 中 {1} 年的状态无效：{2}</source>
        <translation>Holiday file {0} has an invalid state for the year {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="239"/>
        <source>工作时段须为整分钟的本地时间：{0}</source>
        <translation>Working hours must be local times in whole minutes: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="240"/>
        <source>无法打开数据库 {0}：{1}</source>
        <translation>Cannot open the database {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="241"/>
        <source>数据库 {0} {1}</source>
        <translation>Database {0} {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="242"/>
        <source>上报速率应在 {0}–{1} 件/分钟之间，收到 {2}</source>
        <translation>The report rate must be {0}–{1} cases per minute, got {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="243"/>
        <source>持续时间应为 0–{0} 秒，收到 {1}</source>
        <translation>The duration must be 0–{0} seconds, got {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="244"/>
        <source>数据库中没有网格，无法模拟上报（请先生成演示街道或录入网格）</source>
        <translation>The database has no grids, so reports cannot be simulated (build the demo street or enter grids first)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="245"/>
        <source>数据库中没有可用的案件类别，无法模拟上报</source>
        <translation>The database has no usable case categories, so reports cannot be simulated</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="246"/>
        <source>数据库中已有街道「{0}」（{1}）的正式数据，不能载入演示街道（演示请使用新的空数据库）</source>
        <translation>The database already holds real data for street &quot;{0}&quot; ({1}), so the demo street cannot be loaded (use a new, empty database for demos)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="250"/>
        <source>此数据库已有正式账号，是为本中心建立的数据库，不能载入演示数据（演示请使用新的空数据库）</source>
        <translation>This database already has real accounts and was set up for this center, so demo data cannot be loaded (use a new, empty database for demos)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="254"/>
        <source>数据库中已有街道数据，不能再生成演示街道（请使用新的空数据库）</source>
        <translation>The database already holds street data, so a demo street cannot be built (use a new, empty database)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="257"/>
        <source>演示案件数不能为负数</source>
        <translation>The number of demo cases cannot be negative</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="258"/>
        <source>演示数据的参考时间必须带时区</source>
        <translation>The reference time for demo data must include a time zone</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="259"/>
        <source>数据库中没有案件类别或部门目录，无法生成演示案件</source>
        <translation>The database has no case categories or department list, so demo cases cannot be built</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="260"/>
        <source>磁盘空间已满，{0}：请清理出空间后重试</source>
        <translation>The disk is full, {0}: free up some space and try again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="261"/>
        <source>数据库文件只读，{0}：请检查文件权限或所在磁盘</source>
        <translation>The database file is read-only, {0}: check the file permissions or the disk it is on</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="262"/>
        <source>数据库文件已损坏，{0}：请用备份文件替换它</source>
        <translation>The database file is damaged, {0}: replace it with a backup file</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="263"/>
        <source>数据库正被其他程序长时间占用，{0}：请稍后重试</source>
        <translation>The database has been held by another program for too long, {0}: try again later</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="264"/>
        <source>与数据库服务器的连接中断，未能读取：请检查网络后重试</source>
        <translation>The connection to the database server was lost, so nothing could be read: check the network and try again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="265"/>
        <source>与数据库服务器的连接中断：无法确认是否已保存，请恢复连接后刷新查看</source>
        <translation>The connection to the database server was lost: it cannot be confirmed whether the change was saved, so refresh to check once the connection is back</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="268"/>
        <source>不支持的数据库类型：{0}（只支持 SQLite 和 PostgreSQL）</source>
        <translation>Unsupported database type: {0} (only SQLite and PostgreSQL are supported)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="269"/>
        <source>数据库地址无法识别：{0}</source>
        <translation>Database address not recognized: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="270"/>
        <source>{0}不能为空</source>
        <translation>{0} cannot be empty</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="271"/>
        <source>督办回复期限应晚于现在</source>
        <translation>The reply deadline for urging must be later than now</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="272"/>
        <source>案件 {0} 尚未派遣到部门，不能督办</source>
        <translation>Case {0} has not been dispatched to a department yet, so it cannot be urged</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="273"/>
        <source>回复督办</source>
        <translation>answer urgings</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="274"/>
        <source>案件 {0} 为「{1}」，不能上报</source>
        <translation>Case {0} is &quot;{1}&quot; and cannot be escalated</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="275"/>
        <source>案件 {0} 已上报{1}，尚未处理完</source>
        <translation>Case {0} has already been escalated to {1} and is still pending there</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="276"/>
        <source>案件 {0} 没有待回复的督办</source>
        <translation>Case {0} has no urging awaiting a reply</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="277"/>
        <source>督办单发给「{0}」，本部门不能回复</source>
        <translation>The urging slip was sent to &quot;{0}&quot;, so your department cannot reply</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="278"/>
        <source>案件 {0} 的督办发给「{1}」，「{2}」不能回复</source>
        <translation>The urging on case {0} was sent to &quot;{1}&quot;, so &quot;{2}&quot; cannot reply</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="279"/>
        <source>案件 {0} 为「{1}」，不能按联席会议决定重新派遣</source>
        <translation>Case {0} is &quot;{1}&quot; and cannot be redispatched by a joint meeting decision</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="280"/>
        <source>记录联席会议</source>
        <translation>record joint meetings</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="281"/>
        <source>联席会议需要列出参会部门</source>
        <translation>The joint meeting needs a list of attending departments</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="282"/>
        <source>联席会议需要至少一项案件决定</source>
        <translation>The joint meeting needs at least one case decision</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="283"/>
        <source>一次联席会议最多记录 {0} 项决定</source>
        <translation>A joint meeting can record at most {0} decisions</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="284"/>
        <source>会议纪要</source>
        <translation>The meeting minutes</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="285"/>
        <source>案件 {0} 在决定中出现了两次</source>
        <translation>Case {0} appears twice in the decisions</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="286"/>
        <source>案件 {0} 没有上报联席会议，不能在会上决定</source>
        <translation>Case {0} was not escalated to the joint meeting, so the meeting cannot decide on it</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="287"/>
        <source>会议决定</source>
        <translation>The meeting decision</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="288"/>
        <source>联席会议 {0} 不存在</source>
        <translation>Joint meeting {0} does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="289"/>
        <source>会议日期 {0} 晚于今天</source>
        <translation>Meeting date {0} is later than today</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="290"/>
        <source>上报对象「{0}」无法识别，可选：district（区级平台）、meeting（联席会议）</source>
        <translation>Unknown escalation target &quot;{0}&quot;; options: district (district platform), meeting (joint meeting)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="293"/>
        <source>督办级别「{0}」无法识别，可选：street（街道）、district（区）</source>
        <translation>Unknown urging level &quot;{0}&quot;; options: street (street level), district (district level)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="296"/>
        <source>{0}应在 {1}–{2} 个工作日之间</source>
        <translation>{0} must be between {1} and {2} working days</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="297"/>
        <source>修改督办规则</source>
        <translation>change the urging rules</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="298"/>
        <source>小类「{0}」不存在</source>
        <translation>Category &quot;{0}&quot; does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="299"/>
        <source>区级平台</source>
        <translation>District platform</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="300"/>
        <source>联席会议</source>
        <translation>Joint meeting</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="301"/>
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="302"/>
        <source>区</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="303"/>
        <source>{0} {1} 不是普通文件，拒绝读取</source>
        <translation>{0} {1} is not a regular file and will not be read</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="304"/>
        <source>{0} {1} 超过 {2}</source>
        <translation>{0} {1} is larger than {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="305"/>
        <source>无法读取{0} {1}：{2}</source>
        <translation>Cannot read {0} {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="306"/>
        <source>{0}「{1}」{2}–{3}号楼</source>
        <translation>{0} &quot;{1}&quot; buildings {2}–{3}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="307"/>
        <source>{0}「{1}」{2}–{3}号{4}</source>
        <translation>{0} &quot;{1}&quot; Nos. {2}–{3}{4}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="308"/>
        <source>{0}最多 {1} 个字，现有 {2} 个</source>
        <translation>{0} can have at most {1} characters; it has {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="309"/>
        <source>类型应为 道路、小区 或 地标，收到「{0}」</source>
        <translation>Kind should be 道路 (road), 小区 (estate) or 地标 (landmark), got &quot;{0}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="310"/>
        <source>单双号应为 单号、双号 或 单双号，收到「{0}」</source>
        <translation>Side should be 单号 (odd), 双号 (even) or 单双号 (both), got &quot;{0}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="311"/>
        <source>请填写网格编码</source>
        <translation>Please enter the grid code</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="312"/>
        <source>网格编码「{0}」不存在或已停用</source>
        <translation>Grid code &quot;{0}&quot; does not exist or has been retired</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="313"/>
        <source>修改地名地址库</source>
        <translation>change the gazetteer</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="314"/>
        <source>该地名地址条目已不存在（可能已被他人删除）</source>
        <translation>This gazetteer entry no longer exists (someone else may have deleted it)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="315"/>
        <source>道路应填写起始与终止门牌号（如 1 与 99）</source>
        <translation>A road needs a first and a last door number (e.g. 1 and 99)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="316"/>
        <source>起始{0} {1} 大于终止{2} {3}</source>
        <translation>The first {0} {1} is greater than the last {2} {3}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="317"/>
        <source>{0}与已有的{1}（网格 {2}）重叠：同一门牌或楼号只能属于一个网格</source>
        <translation>{0} overlaps the existing {1} (grid {2}): a door or building number can belong to only one grid</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="320"/>
        <source>小区的起始与终止楼号应同时填写，或都不填（整个小区）</source>
        <translation>For an estate, give both the first and last building numbers, or neither (whole estate)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="321"/>
        <source>{0}应在 1 与 {1} 之间，收到 {2}</source>
        <translation>{0} must be between 1 and {1}, got {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="322"/>
        <source>无法读取 {0}：{1}</source>
        <translation>Cannot read {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="323"/>
        <source>{0} 第 {1} 行应为「地址&lt;TAB&gt;网格编码」</source>
        <translation>{0}, line {1} should be &quot;address&lt;TAB&gt;grid code&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="324"/>
        <source>地址含 {0}（对面，可能跨网格）</source>
        <translation>Address contains {0} (opposite side, may be in another grid)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="325"/>
        <source>地址含 {0}</source>
        <translation>Address contains {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="326"/>
        <source>{0}{1}号不在登记的门牌范围内，按最近门牌段估计</source>
        <translation>{0}{1}号 is outside the registered door-number ranges; estimated from the nearest range</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="327"/>
        <source>地址含 {0}{1}号（{2}）</source>
        <translation>Address contains {0}{1}号 ({2})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="328"/>
        <source>{0}{1}号不在登记的门牌范围内，按最近门牌段估计，对面可能属另一网格</source>
        <translation>{0}{1}号 is outside the registered door-number ranges; estimated from the nearest range, and the opposite side may belong to another grid</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="331"/>
        <source>地址含 {0}{1}号（{2}），对面可能属另一网格</source>
        <translation>Address contains {0}{1}号 ({2}); the opposite side may belong to another grid</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="332"/>
        <source>{0}与{1}交口（两路共同经过的网格）</source>
        <translation>Junction of {0} and {1} (a grid both roads pass through)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="333"/>
        <source>道路</source>
        <translation>Road</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="334"/>
        <source>小区</source>
        <translation>Estate</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="335"/>
        <source>地标</source>
        <translation>Landmark</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="336"/>
        <source>单双号</source>
        <translation>Both sides</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="337"/>
        <source>单号</source>
        <translation>Odd side</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="338"/>
        <source>双号</source>
        <translation>Even side</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="339"/>
        <source>文件名应以 .xlsx 结尾：{0}</source>
        <translation>The file name must end in .xlsx: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="340"/>
        <source>无法写入 {0}：这是一个文件夹，请给出文件名</source>
        <translation>Cannot write {0}: it is a folder; please give a file name</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="341"/>
        <source>无法写入 {0}：文件夹 {1} 不存在</source>
        <translation>Cannot write {0}: folder {1} does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="342"/>
        <source>「{0}」不是整数，{1}应为整数</source>
        <translation>&quot;{0}&quot; is not a whole number; {1} must be a whole number</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="343"/>
        <source>「{0}」不是整数，{1}应只写数字</source>
        <translation>&quot;{0}&quot; is not a whole number; {1} should contain digits only</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="344"/>
        <source>导入地名地址库</source>
        <translation>import the gazetteer</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="345"/>
        <source>「{0}」中没有「道路」「小区」「地标」工作表；请用地名地址模板填写</source>
        <translation>&quot;{0}&quot; has no &quot;Road&quot;, &quot;Estate&quot; or &quot;Landmark&quot; sheet; please fill in the gazetteer template</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="348"/>
        <source>地名地址表中发现 {0} 处问题（涉及 {1} 行），未写入任何数据；请逐条修正后重新导入</source>
        <translation>Found {0} problems in the gazetteer file ({1} rows); nothing was written. Fix each of them and import again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="352"/>
        <source>无法写入 {0}：{1}</source>
        <translation>Cannot write {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="353"/>
        <source>无法写入 {0}：{1}（文件是否正被其他程序打开？）</source>
        <translation>Cannot write {0}: {1} (is the file open in another program?)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="354"/>
        <source>前 {0} 行中找不到表头（应有「{1}」）</source>
        <translation>No header row in the first {0} rows (it should have &quot;{1}&quot;)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="355"/>
        <source>网格编码</source>
        <translation>Grid code</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="356"/>
        <source>与第 {0} 行重复（{1}）</source>
        <translation>Same as row {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="357"/>
        <source>{0}与第 {1} 行的{2}重叠：同一门牌或楼号只能属于一个网格</source>
        <translation>{0} overlaps {2} in row {1}: a door number or building belongs to one grid only</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="358"/>
        <source>{0}与地名库中已有的{1}（网格 {2}）重叠；请先在基础数据中修改或删除那一条</source>
        <translation>{0} overlaps {1} already in the gazetteer (grid {2}); change or delete that entry in the master data first</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="361"/>
        <source>「{0}」应为 单号、双号 或 单双号</source>
        <translation>&quot;{0}&quot; should be 单号 (odd), 双号 (even) or 单双号 (both)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="362"/>
        <source>{0} 年（{1}，{2}）：放假 {3} 天，调休上班 {4} 天</source>
        <translation>{0} ({1}, {2}): {3} holidays, {4} make-up workdays</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="363"/>
        <source>已更新 {0}</source>
        <translation>Updated {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="364"/>
        <source>已更新 {0}；{1} 件在办案件的时限已重新计算</source>
        <translation>Updated {0}; the deadlines of {1} open cases were recalculated</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="365"/>
        <source>「{0}」{1} 年：{2} 行，放假 {3} 天，调休上班 {4} 天</source>
        <translation>&quot;{0}&quot; {1}: {2} rows, {3} holidays, {4} make-up workdays</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="366"/>
        <source>年份 {0} 超出范围（应为 {1}–{2}）</source>
        <translation>Year {0} is out of range (must be {1}–{2})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="367"/>
        <source>修改节假日日历</source>
        <translation>change the holiday calendar</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="368"/>
        <source>状态「{0}」无效，应为 official（正式）或 provisional（暂定）</source>
        <translation>Invalid state &quot;{0}&quot;; must be official or provisional</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="369"/>
        <source>{0} 年日历有误：{1}</source>
        <translation>The {0} calendar has errors: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="370"/>
        <source>{0} 年没有任何放假日期，未作修改</source>
        <translation>{0} has no holiday dates; nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="371"/>
        <source>{0} 已是「{1}」，未作修改</source>
        <translation>{0} is already &quot;{1}&quot;; nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="372"/>
        <source>{0} 年的节假日尚未录入，请先导入或逐日设置</source>
        <translation>Holidays for {0} have not been entered yet; import them or set them day by day first</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="373"/>
        <source>{0} 年已是正式日历，未作修改</source>
        <translation>The {0} calendar is already official; nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="374"/>
        <source>导入节假日日历</source>
        <translation>import the holiday calendar</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="375"/>
        <source>{0} 年的节假日尚未录入，没有可导出的内容</source>
        <translation>Holidays for {0} have not been entered yet, so there is nothing to export</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="376"/>
        <source>{0} 不能既放假又调休上班</source>
        <translation>{0} cannot be both a holiday and a make-up workday</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="377"/>
        <source>{0} 不属于 {1} 年</source>
        <translation>{0} is not in {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="378"/>
        <source>{0} 是{1}，本来就上班，不是调休上班日</source>
        <translation>{0} ({1}) is a weekday, a working day anyway, not a make-up workday</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="379"/>
        <source>{0} 的名称过长（最多 {1} 字）</source>
        <translation>The name of {0} is too long (at most {1} characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="380"/>
        <source>名称</source>
        <translation>The name</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="381"/>
        <source>日期类型「{0}」无效，应为 放假、上班 或 默认</source>
        <translation>Invalid day type &quot;{0}&quot;; should be 放假 (holiday), 上班 (working day) or 默认 (default)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="382"/>
        <source>缺少日期</source>
        <translation>The date is missing</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="383"/>
        <source>类型「{0}」应为 放假 或 调休上班</source>
        <translation>Kind &quot;{0}&quot; should be 放假 (holiday) or 调休上班 (make-up workday)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="384"/>
        <source>缺少类型</source>
        <translation>The kind is missing</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="385"/>
        <source>放假日须填写节日名称（如 春节）</source>
        <translation>A holiday needs the name of the festival (e.g. Spring Festival)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="386"/>
        <source>名称过长（最多 {0} 字）</source>
        <translation>The name is too long (at most {0} characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="387"/>
        <source>{0} 与第 {1} 行的日期重复</source>
        <translation>{0} is the same date as row {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="388"/>
        <source>表中没有任何日期</source>
        <translation>The sheet has no dates</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="389"/>
        <source>{0} 年没有任何放假日期</source>
        <translation>{0} has no holiday dates</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="390"/>
        <source>正式</source>
        <translation>Official</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="391"/>
        <source>暂定</source>
        <translation>Provisional</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="392"/>
        <source>放假</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="393"/>
        <source>调休上班</source>
        <translation>Make-up workday</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="394"/>
        <source>工作日</source>
        <translation>Working day</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="395"/>
        <source>休息日</source>
        <translation>Rest day</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="396"/>
        <source>登记来电</source>
        <translation>take calls</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="397"/>
        <source>来源渠道「{0}」无法识别，可选：{1}</source>
        <translation>Unknown source channel &quot;{0}&quot;; options: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="398"/>
        <source>{0}须填写联系电话，以便回访</source>
        <translation>For {0}, enter a contact phone number so a callback can be made</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="399"/>
        <source>请填写事发地址</source>
        <translation>Please enter the address</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="400"/>
        <source>请填写问题描述</source>
        <translation>Please enter the description</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="401"/>
        <source>请先确认或选择网格</source>
        <translation>Please confirm or choose a grid first</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="402"/>
        <source>请先确认或选择小类</source>
        <translation>Please confirm or choose a category first</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="403"/>
        <source>所选网格已不存在，请重新选择</source>
        <translation>The selected grid no longer exists; please choose again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="404"/>
        <source>所选小类已不存在，请重新选择</source>
        <translation>The selected category no longer exists; please choose again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="405"/>
        <source>最多附 {0} 张照片（现有 {1} 张）</source>
        <translation>At most {0} photos can be attached (there are {1})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="406"/>
        <source>立案</source>
        <translation>register cases</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="407"/>
        <source>近一年{0} {1} {2} 件由 {3} 按期办结</source>
        <translation>In the past year, {2} cases of {1} {0} were closed on time by {3}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="408"/>
        <source>描述含 {0}</source>
        <translation>Description contains {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="409"/>
        <source>与 {0} 件已结案 {1} 相似</source>
        <translation>Similar to {0} closed cases of {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="410"/>
        <source>描述中的字词与该小类的已结案案件较接近</source>
        <translation>The description&apos;s words are close to closed cases of this category</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="411"/>
        <source>「{0}」12345 工单：共 {1} 行数据，有效 {2} 行（可直接立为案件 {3} 行，转入待定位 {4} 行），有问题 {5} 行（{6} 处）</source>
        <translation>&quot;{0}&quot; 12345 orders: {1} data rows, {2} valid ({3} can be registered as cases directly, {4} go to the placing tray), {5} with problems ({6} problems)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="415"/>
        <source>「{0}」12345 工单：共 {1} 行数据，有效 {2} 行（可直接立为案件 {3} 行，转入待定位 {4} 行），有问题 {5} 行（{6} 处），已导入过 {7} 行（将跳过）</source>
        <translation>&quot;{0}&quot; 12345 orders: {1} data rows, {2} valid ({3} can be registered as cases directly, {4} go to the placing tray), {5} with problems ({6} problems), {7} imported before (will be skipped)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="419"/>
        <source>「{0}」12345 工单：共 {1} 行数据，有效 {2} 行（可直接立为案件 {3} 行，转入待定位 {4} 行），有问题 {5} 行（{6} 处），忽略签名或说明行 {7} 行</source>
        <translation>&quot;{0}&quot; 12345 orders: {1} data rows, {2} valid ({3} can be registered as cases directly, {4} go to the placing tray), {5} with problems ({6} problems), {7} signature or note rows ignored</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="423"/>
        <source>「{0}」12345 工单：共 {1} 行数据，有效 {2} 行（可直接立为案件 {3} 行，转入待定位 {4} 行），有问题 {5} 行（{6} 处），已导入过 {7} 行（将跳过），忽略签名或说明行 {8} 行</source>
        <translation>&quot;{0}&quot; 12345 orders: {1} data rows, {2} valid ({3} can be registered as cases directly, {4} go to the placing tray), {5} with problems ({6} problems), {7} imported before (will be skipped), {8} signature or note rows ignored</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="427"/>
        <source>已导入：新增案件 {0} 件，转入待定位 {1} 件</source>
        <translation>Imported: {0} new cases, {1} to the placing tray</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="428"/>
        <source>已导入：新增案件 {0} 件，转入待定位 {1} 件，已导入过的 {2} 件未重复导入</source>
        <translation>Imported: {0} new cases, {1} to the placing tray; {2} imported before were not imported again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="431"/>
        <source>已导入：新增案件 {0} 件，转入待定位 {1} 件，跳过有问题的 {2} 行</source>
        <translation>Imported: {0} new cases, {1} to the placing tray; {2} rows with problems skipped</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="434"/>
        <source>已导入：新增案件 {0} 件，转入待定位 {1} 件，已导入过的 {2} 件未重复导入，跳过有问题的 {3} 行</source>
        <translation>Imported: {0} new cases, {1} to the placing tray; {2} imported before were not imported again; {3} rows with problems skipped</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="438"/>
        <source>紧急程度「{0}」应为 一般、紧急 或 特急</source>
        <translation>Urgency &quot;{0}&quot; should be 一般 (ordinary), 紧急 (urgent) or 特急 (very urgent)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="439"/>
        <source>待定位工单 {0} {1}，不能再处理</source>
        <translation>Work order {0} awaiting placement: {1}, so it can no longer be handled</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="440"/>
        <source>办理时限「{0}」应为工作日天数，如 5</source>
        <translation>Time limit &quot;{0}&quot; must be a number of working days, e.g. 5</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="441"/>
        <source>办理时限「{0}」应为 1 至 {1} 个工作日</source>
        <translation>Time limit &quot;{0}&quot; must be 1 to {1} working days</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="442"/>
        <source>办理时限「{0}」应为 1 至 {1} 个工作日，如 5</source>
        <translation>Time limit &quot;{0}&quot; should be 1 to {1} working days, e.g. 5</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="443"/>
        <source>待定位工单 {0} 不存在</source>
        <translation>Order to place {0} does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="444"/>
        <source>确认待定位工单</source>
        <translation>confirm orders waiting to be placed</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="445"/>
        <source>确认待定位工单需要选定网格和小类</source>
        <translation>Confirming an order to place requires choosing a grid and a category</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="446"/>
        <source>作废待定位工单</source>
        <translation>void orders waiting to be placed</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="447"/>
        <source>作废待定位工单需要填写原因</source>
        <translation>Dropping an order to place requires a reason</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="448"/>
        <source>作废原因</source>
        <translation>The reason for voiding</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="449"/>
        <source>作废原因过长（最多 500 字）</source>
        <translation>The reason for dropping is too long (at most 500 characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="450"/>
        <source>诉求内容过长（最多 2000 字）</source>
        <translation>The request text is too long (at most 2000 characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="451"/>
        <source>工单编号</source>
        <translation>Work order number</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="452"/>
        <source>小类不确定</source>
        <translation>The category is uncertain</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="453"/>
        <source>无法判断小类</source>
        <translation>The category cannot be determined</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="454"/>
        <source>没有事发地址</source>
        <translation>No address of the incident</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="455"/>
        <source>地址无法定位到网格</source>
        <translation>The address cannot be placed in a grid</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="456"/>
        <source>地址可能属于 {0} 个网格</source>
        <translation>The address may belong to {0} grids</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="457"/>
        <source>网格不确定</source>
        <translation>The grid is uncertain</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="458"/>
        <source>待定位</source>
        <translation>Waiting to be placed</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="459"/>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="460"/>
        <source>已作废</source>
        <translation>Voided</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="461"/>
        <source>结束日期 {0} 早于开始日期 {1}</source>
        <translation>End date {0} is earlier than start date {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="462"/>
        <source>办结回复一次最多导出 {0} 天</source>
        <translation>Closing replies can be exported for at most {0} days at a time</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="463"/>
        <source>照片 {0} 是空文件</source>
        <translation>Photo {0} is an empty file</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="464"/>
        <source>照片 {0} 有 {1}，超过 {2} 的上限</source>
        <translation>Photo {0} is {1}, over the {2} limit</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="465"/>
        <source>文件 {0} 是 {1} 图片，只接受 {2} 照片</source>
        <translation>File {0} is a {1} image; only {2} photos are accepted</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="466"/>
        <source>照片 {0} 的像素过多，不像一张照片</source>
        <translation>Photo {0} has too many pixels and does not look like a photo</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="467"/>
        <source>照片 {0} 已损坏，无法读取</source>
        <translation>Photo {0} is damaged and cannot be read</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="468"/>
        <source>照片 {0} 的像素过多（{1}×{2}），不像一张照片</source>
        <translation>Photo {0} has too many pixels ({1}×{2}) and does not look like a photo</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="469"/>
        <source>PostgreSQL 数据库请在服务器上备份：pg_dump -Fc -d &lt;数据库名&gt; -f griddesk.dump，恢复用 pg_restore -d &lt;数据库名&gt; --clean griddesk.dump（并配合服务器的 WAL 归档做时间点恢复）</source>
        <translation>Back up a PostgreSQL database on the server: pg_dump -Fc -d &lt;database&gt; -f griddesk.dump; restore it with pg_restore -d &lt;database&gt; --clean griddesk.dump (with the server&apos;s WAL archive for point-in-time recovery)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="473"/>
        <source>内存数据库无法备份</source>
        <translation>An in-memory database cannot be backed up</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="474"/>
        <source>备份文件 {0} 不存在</source>
        <translation>Backup file {0} does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="475"/>
        <source>备份文件 {0} 过大（{1} MB，上限 {2} MB），拒绝恢复</source>
        <translation>Backup file {0} is too large ({1} MB, limit {2} MB); restore refused</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="476"/>
        <source>{0} 由更新版本的 GridDesk 生成（版本 {1}），本程序无法恢复</source>
        <translation>{0} was made by a newer version of GridDesk (version {1}); this program cannot restore it</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="477"/>
        <source>备份目标文件夹 {0} 不存在（不会自动创建），请先建好文件夹</source>
        <translation>Backup folder {0} does not exist (it is not created automatically); please create the folder first</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="478"/>
        <source>备份目标 {0} 不是文件夹</source>
        <translation>Backup target {0} is not a folder</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="479"/>
        <source>{0} 不是普通文件（文件夹、设备或管道），不能作为备份目标</source>
        <translation>{0} is not a regular file (it is a folder, device or pipe) and cannot be used as a backup target</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="480"/>
        <source>{0} 是正在使用的数据库文件，不能作为备份目标</source>
        <translation>{0} is the database file in use and cannot be used as a backup target</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="481"/>
        <source>{0} 是正在使用的数据库本身，不能用它恢复</source>
        <translation>{0} is the database currently in use and cannot be used to restore it</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="482"/>
        <source>备份数据库</source>
        <translation>back up the database</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="483"/>
        <source>恢复数据库</source>
        <translation>restore the database</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="484"/>
        <source>恢复数据库需要管理员账号（--user）</source>
        <translation>Restoring the database requires an administrator account (--user)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="485"/>
        <source>请说明为何接受审计日志未通过校验的备份（原因记入审计日志）</source>
        <translation>Please explain why you accept a backup whose audit log failed verification (the reason is recorded in the audit log)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="486"/>
        <source>备份 {0} 中没有启用的管理员账号，恢复后数据库会回到初始设置状态（任何人都能建立管理员），拒绝恢复，当前数据库未改动</source>
        <translation>Backup {0} has no enabled administrator account, so after restoring the database would go back to first-start setup (anyone could create an administrator); restore refused, the current database is unchanged</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="490"/>
        <source>{0} 不是 GridDesk 备份文件（不是 SQLite 数据库）</source>
        <translation>{0} is not a GridDesk backup file (not an SQLite database)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="491"/>
        <source>{0} 已损坏（完整性检查未通过）</source>
        <translation>{0} is damaged (integrity check failed)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="492"/>
        <source>{0} 不是 GridDesk 备份文件（缺少 GridDesk 的数据表）</source>
        <translation>{0} is not a GridDesk backup file (the GridDesk data tables are missing)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="493"/>
        <source>{0} 无法读取：{1}</source>
        <translation>{0} cannot be read: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="494"/>
        <source>备份失败：{0}</source>
        <translation>Backup failed: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="495"/>
        <source>恢复失败：{0}</source>
        <translation>Restore failed: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="496"/>
        <source>无法创建备份文件夹 {0}：{1}</source>
        <translation>Cannot create backup folder {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="497"/>
        <source>社区工作者</source>
        <translation>Community worker</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="498"/>
        <source>第一书记</source>
        <translation>First secretary</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="499"/>
        <source>帮带导师</source>
        <translation>Mentor</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="500"/>
        <source>帮带对象</source>
        <translation>Mentee</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="501"/>
        <source>下沉干部</source>
        <translation>Sent-down cadre</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="502"/>
        <source>报到党员</source>
        <translation>Reporting party member</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="503"/>
        <source>不是 GridDesk 数据库（不是 SQLite 数据库文件）</source>
        <translation>is not a GridDesk database (not an SQLite database file)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="504"/>
        <source>已损坏（SQLite 完整性错误），请用备份文件替换它</source>
        <translation>is damaged (SQLite integrity error); please replace it with a backup file</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="505"/>
        <source>{0} 不是 GridDesk 数据库（已有 {1} 个其他程序的数据表：{2}），未作任何改动；确要在其中建立 GridDesk 的数据表，请运行 griddesk-admin init --force</source>
        <translation>{0} is not a GridDesk database (it already has {1} data tables of another program: {2}); nothing was changed; to create the GridDesk data tables in it anyway, run griddesk-admin init --force</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="509"/>
        <source>数据库版本 {0} 比本程序新，请升级 GridDesk 后再打开（数据库未作改动）</source>
        <translation>Database version {0} is newer than this program; please upgrade GridDesk before opening it (the database was not changed)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="512"/>
        <source>{0} 不是 GridDesk 数据库（其他程序的结构版本 {1}），未作任何改动</source>
        <translation>{0} is not a GridDesk database (schema version {1} of another program); nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="515"/>
        <source>{0} 不是普通文件（文件夹、设备或管道），不能作为数据库打开</source>
        <translation>{0} is not a regular file (it is a folder, device or pipe) and cannot be opened as a database</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="516"/>
        <source>{0} 不是 GridDesk 数据库（不是 SQLite 数据库文件），未作任何改动</source>
        <translation>{0} is not a GridDesk database (not an SQLite database file); nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="519"/>
        <source>数据库文件 {0} {1}（未作任何改动）</source>
        <translation>Database file {0} {1} (nothing was changed)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="520"/>
        <source>控制字符（U+{0}）</source>
        <translation>a control character (U+{0})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="521"/>
        <source>空字符（NUL）</source>
        <translation>a NUL character</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="522"/>
        <source>换行或制表符</source>
        <translation>a line break or tab</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="523"/>
        <source>文字方向控制符（U+{0}）</source>
        <translation>a text direction control character (U+{0})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="524"/>
        <source>零宽字符（U+{0}）</source>
        <translation>a zero-width character (U+{0})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="525"/>
        <source>{0}含有不允许的{1}</source>
        <translation>{0} contains disallowed {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="526"/>
        <source>{0}过长（最多 {1} 字，实为 {2} 字）</source>
        <translation>{0} is too long (at most {1} characters, got {2})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="527"/>
        <source>{0}含有不允许的空字符（NUL）</source>
        <translation>{0} contains a disallowed null character (NUL)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="528"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="529"/>
        <source>显示名</source>
        <translation>Display name</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="530"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="531"/>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="532"/>
        <source>反映人姓名</source>
        <translation>Reporter&apos;s name</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="533"/>
        <source>反映人电话</source>
        <translation>Reporter&apos;s phone</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="534"/>
        <source>上报人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="535"/>
        <source>操作人</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="536"/>
        <source>督办要求</source>
        <translation>Urging requirement</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="537"/>
        <source>督办回复</source>
        <translation>Urging reply</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="538"/>
        <source>上报原因</source>
        <translation>Escalation reason</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="539"/>
        <source>照片文件名</source>
        <translation>Photo file name</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="540"/>
        <source>大类名称</source>
        <translation>Class name</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="541"/>
        <source>类别名称</source>
        <translation>Category name</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="542"/>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="543"/>
        <source>部门名称</source>
        <translation>Department name</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="544"/>
        <source>部门类型</source>
        <translation>Department type</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="545"/>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="546"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="547"/>
        <source>区县名称</source>
        <translation>District name</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="548"/>
        <source>街道名称</source>
        <translation>Street name</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="551"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="552"/>
        <source>学历</source>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="553"/>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="554"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="555"/>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="556"/>
        <source>荣誉</source>
        <translation>Honours</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="557"/>
        <source>去向</source>
        <translation>Destination</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="558"/>
        <source>派出单位</source>
        <translation>Sending unit</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="559"/>
        <source>工作室</source>
        <translation>Studio</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="560"/>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="561"/>
        <source>所在党组织</source>
        <translation>Party organization</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="562"/>
        <source>服务活动</source>
        <translation>Service activities</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="563"/>
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="564"/>
        <source>通话对象</source>
        <translation>Call partner</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="565"/>
        <source>通话电话</source>
        <translation>Call phone</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="567"/>
        <source>身份证号「{0}」应为 18 位（前 17 位数字，末位数字或 X）</source>
        <translation>ID number &quot;{0}&quot; should have 18 characters (17 digits, then a digit or X)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="568"/>
        <source>身份证号「{0}」中的出生日期 {1} 不合理（应在 {2} 至今天之间）</source>
        <translation>The birth date {1} in ID number &quot;{0}&quot; is implausible (it should be between {2} and today)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="571"/>
        <source>身份证号「{0}」校验码错误（应为 {1}）</source>
        <translation>ID number &quot;{0}&quot; has a wrong check digit (it should be {1})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="572"/>
        <source>身份证号「{0}」中的出生日期 {1} 不存在</source>
        <translation>The birth date {1} in ID number &quot;{0}&quot; does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="573"/>
        <source>月薪「{0}」不合理</source>
        <translation>Monthly pay &quot;{0}&quot; is implausible</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="574"/>
        <source>修改薪酬标准</source>
        <translation>change the pay scale</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="575"/>
        <source>档应在 1–{0} 之间，实为 {1}</source>
        <translation>Pay tier should be between 1 and {0}, but is {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="576"/>
        <source>级应在 1–{0} 之间，实为 {1}</source>
        <translation>Pay grade should be between 1 and {0}, but is {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="577"/>
        <source>月薪「{0}」应为金额（例如 4500 或 4500.50）</source>
        <translation>Monthly pay &quot;{0}&quot; should be an amount (e.g. 4500 or 4500.50)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="578"/>
        <source>「{0}」{1}：共 {2} 行数据，有效 {3} 行，有问题 {4} 行（{5} 处），忽略签名或说明行 {6} 行</source>
        <translation>&quot;{0}&quot;, {1}: {2} data rows, {3} valid, {4} with problems ({5} problems), {6} signature or note rows ignored</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="582"/>
        <source>「{0}」{1}：共 {2} 行数据，有效 {3} 行，有问题 {4} 行（{5} 处）</source>
        <translation>&quot;{0}&quot;, {1}: {2} data rows, {3} valid, {4} with problems ({5} problems)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="585"/>
        <source>{0}：新增 {1} 条，更新 {2} 条，无变化 {3} 条，跳过有问题的 {4} 行</source>
        <translation>{0}: {1} new, {2} updated, {3} unchanged; {4} rows with problems skipped</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="588"/>
        <source>{0}：新增 {1} 条，更新 {2} 条，无变化 {3} 条</source>
        <translation>{0}: {1} new, {2} updated, {3} unchanged</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="589"/>
        <source>试导入（未写入）</source>
        <translation>Trial import (nothing written)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="590"/>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="591"/>
        <source>导入{0}名册</source>
        <translation>import the {0} roster</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="592"/>
        <source>映射「{0}={1}」中的字段不存在；可用字段：{2}</source>
        <translation>The field in mapping &quot;{0}={1}&quot; does not exist; available fields: {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="593"/>
        <source>映射中的列名不在表头中：{0}（表头在第 {1} 行）</source>
        <translation>Column names in the mapping are not in the header: {0} (the header is in row {1})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="594"/>
        <source>导入时另一处刚添加了同一身份证号的人员，本次导入未写入任何内容：请重新导入</source>
        <translation>During the import, a person with the same ID number was just added elsewhere, so this import wrote nothing; please import again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="597"/>
        <source>与{0}都对应「{1}」，已只用{2}列</source>
        <translation>Both this column and {0} map to &quot;{1}&quot;; only the {2} column was used</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="598"/>
        <source>没有名为「{0}」的花名册，可选：{1}</source>
        <translation>There is no roster named &quot;{0}&quot;; choose from: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="599"/>
        <source>网格员/网格长</source>
        <translation>Grid workers / leaders</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="600"/>
        <source>导师帮带</source>
        <translation>Mentoring</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="601"/>
        <source>党员报到</source>
        <translation>Party members reporting</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="602"/>
        <source>查看人员花名册</source>
        <translation>view the rosters</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="603"/>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="604"/>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="605"/>
        <source>离任</source>
        <translation>Left office</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="606"/>
        <source>导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="607"/>
        <source>政治面貌「{0}」无法识别（例如 中共党员、群众）</source>
        <translation>Political status &quot;{0}&quot; is not recognized (e.g. 中共党员 for a CPC member, 群众 for non-party)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="608"/>
        <source>{0}「{1}」应为 {2} 之一</source>
        <translation>{0} &quot;{1}&quot; should be one of {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="609"/>
        <source>性别「{0}」应为 男 或 女</source>
        <translation>Gender &quot;{0}&quot; should be 男 (male) or 女 (female)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="610"/>
        <source>{0}被 Excel 存成了数字（{1}），末几位已丢失；请把该列设为文本后重新填写</source>
        <translation>{0} was stored by Excel as a number ({1}) and its last digits were lost; please format that column as text and enter it again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="613"/>
        <source>{0}「{1}…」过长（最多 64 字）</source>
        <translation>{0} &quot;{1}…&quot; is too long (at most 64 characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="614"/>
        <source>{0}过长（最多 200 字）</source>
        <translation>{0} is too long (at most 200 characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="615"/>
        <source>{0}：没有编码为 {1} 的社区</source>
        <translation>{0}: there is no community with code {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="616"/>
        <source>{0}：没有名为「{1}」的社区</source>
        <translation>{0}: there is no community named &quot;{1}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="617"/>
        <source>{0}：有多个名为「{1}」的社区，请填写社区编码</source>
        <translation>{0}: there are several communities named &quot;{1}&quot;; please give the community code</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="618"/>
        <source>{0}「{1}」应为 14 或 15 位数字的网格编码</source>
        <translation>{0} &quot;{1}&quot; should be a grid code of 14 or 15 digits</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="619"/>
        <source>{0}：没有编码为 {1} 的网格</source>
        <translation>{0}: there is no grid with code {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="620"/>
        <source>任期结束应晚于任期开始</source>
        <translation>The end of the term should be after its start</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="621"/>
        <source>任职层级为社区时须填写任职社区</source>
        <translation>A community-level post needs the community it is in</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="622"/>
        <source>导师与学员不能是同一人</source>
        <translation>The mentor and the mentee cannot be the same person</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="623"/>
        <source>性别「{0}」与身份证号不符（应为 {1}）</source>
        <translation>Gender &quot;{0}&quot; does not match the ID number (it should be {1})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="624"/>
        <source>下沉期限至少 {0} 年：下沉时间为 {1}，计划结束时间应不早于 {2}（现为 {3}）</source>
        <translation>A sent-down posting lasts at least {0} years: sent down on {1}, the planned end should be no earlier than {2} (it is {3})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="627"/>
        <source>{0}名册中没有编号为 {1} 的记录</source>
        <translation>The {0} roster has no record numbered {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="628"/>
        <source>修改{0}名册</source>
        <translation>change the {0} roster</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="629"/>
        <source>{0}已在{1}名册中（同一身份证号），请编辑原记录</source>
        <translation>{0} is already in the {1} roster (same ID number); please edit the existing record</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="630"/>
        <source>该{0}记录已离任，不能再修改</source>
        <translation>This {0} record is for someone who has left office and can no longer be changed</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="631"/>
        <source>{0}的{1}记录已经是离任状态</source>
        <translation>The {1} record of {0} is already marked as left office</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="632"/>
        <source>只能显示身份证号或联系电话</source>
        <translation>Only the ID number or the phone number can be shown</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="633"/>
        <source>「{0}」无权查看完整的身份证号和电话</source>
        <translation>&quot;{0}&quot; is not allowed to see full ID numbers and phone numbers</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="634"/>
        <source>该身份证号已属于名册中的另一人，不能改成它</source>
        <translation>This ID number already belongs to another person in the roster and cannot be used here</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="635"/>
        <source>节假日日历在读取时反复被修改，请重试</source>
        <translation>The holiday calendar kept changing while it was being read; please try again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="636"/>
        <source>类别 {0} 的默认部门「{1}」不在部门表中</source>
        <translation>The default department &quot;{1}&quot; of category {0} is not in the department list</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="637"/>
        <source>{0}，有问题 {1} 行（{2} 处），未导入任何数据</source>
        <translation>{0}; {1} rows with problems ({2} problems), nothing was imported</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="638"/>
        <source>{0}：新增大类 {1} 个，修改大类 {2} 个；新增小类 {3} 个，更新 {4} 个，无变化 {5} 个</source>
        <translation>{0}: {1} new classes, {2} changed classes; {3} new categories, {4} updated, {5} unchanged</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="642"/>
        <source>{0}：新增大类 {1} 个，修改大类 {2} 个；新增小类 {3} 个，更新 {4} 个，无变化 {5} 个，文件中没有的 {6} 个小类保持不变（不删除）</source>
        <translation>{0}: {1} new classes, {2} changed classes; {3} new categories, {4} updated, {5} unchanged; {6} categories not in the file stay as they are (not deleted)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="646"/>
        <source>「{0}」：共 {1} 行</source>
        <translation>&quot;{0}&quot;: {1} rows</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="647"/>
        <source>{0}：新增大类 {1} 个，修改大类 {2} 个；新增小类 {3} 个，更新 {4} 个，无变化 {5} 个；文件中没有的 {6} 个小类保持不变</source>
        <translation>{0}: {1} new classes, {2} changed classes; {3} new categories, {4} updated, {5} unchanged; {6} categories not in the file stay as they are</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="651"/>
        <source>导入案件类别目录</source>
        <translation>import the category catalogue</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="652"/>
        <source>发现 {0} 处问题（{1} 行），未导入任何数据；请修正后重试</source>
        <translation>Found {0} problems ({1} rows), so nothing was imported; please fix them and try again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="653"/>
        <source>目录在检查后已被他人修改：{0}；未导入任何数据，请重新导入</source>
        <translation>The catalogue was changed by someone else after the check: {0}; nothing was imported, please import again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="654"/>
        <source>大类 {0} 是{1}大类，不能改为{2}</source>
        <translation>Class {0} is a {1} class and cannot be changed to {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="655"/>
        <source>{0}大类「{1}」已用于大类 {2}</source>
        <translation>The {0} class name &quot;{1}&quot; is already used by class {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="656"/>
        <source>小类编码 {0} 与第 {1} 行重复</source>
        <translation>Category code {0} is the same as in row {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="657"/>
        <source>大类 {0} 中「{1}」已用于{2}</source>
        <translation>In class {0}, &quot;{1}&quot; is already used by {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="658"/>
        <source>大类 {0} 在第 {1} 行名为「{2}」，此处为「{3}」</source>
        <translation>Class {0} is named &quot;{2}&quot; in row {1} but &quot;{3}&quot; here</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="659"/>
        <source>大类 {0} 在第 {1} 行为{2}</source>
        <translation>Class {0} is {2} in row {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="660"/>
        <source>部门「{0}」不存在，请先在部门中添加</source>
        <translation>Department &quot;{0}&quot; does not exist; add it under departments first</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="662"/>
        <source>与{0}都对应「{1}」，只能有一列</source>
        <translation>Both this column and {0} map to &quot;{1}&quot;; there can be only one</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="663"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="664"/>
        <source>默认部门</source>
        <translation>Default department</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="665"/>
        <source>派遣时限（小时）</source>
        <translation>Dispatch limit (hours)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="666"/>
        <source>处置时限（小时）</source>
        <translation>Handling limit (hours)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="667"/>
        <source>核查时限（小时）</source>
        <translation>Verification limit (hours)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="668"/>
        <source>计时方式</source>
        <translation>Time basis</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="669"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="670"/>
        <source>启用</source>
        <translation>In use</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="671"/>
        <source>目录文件应为 .xlsx：{0}</source>
        <translation>The catalogue file should be .xlsx: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="672"/>
        <source>案件类别 {0} 不存在</source>
        <translation>Case category {0} does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="673"/>
        <source>大类 {0} 不存在，请先添加大类</source>
        <translation>Class {0} does not exist; please add the class first</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="674"/>
        <source>大类「{0}」中已有小类「{1}」（{2}）{3}</source>
        <translation>Class &quot;{0}&quot; already has category &quot;{1}&quot; ({2}){3}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="210"/>
        <source>部门「{0}」不存在</source>
        <translation>Department &quot;{0}&quot; does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="163"/>
        <source>延期申请 {0} {1}，不能再次审批</source>
        <translation>Extension request {0} is {1} and cannot be decided again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="661"/>
        <source>部门「{0}」已停用，不能作为默认部门</source>
        <translation>Department &quot;{0}&quot; is disabled and cannot be a default department</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="675"/>
        <source>大类编码 {0} 已存在</source>
        <translation>Class code {0} already exists</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="676"/>
        <source>{0}大类「{1}」已存在</source>
        <translation>The {0} class &quot;{1}&quot; already exists</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="677"/>
        <source>新增小类没有字段「{0}」</source>
        <translation>The new category has no field &quot;{0}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="678"/>
        <source>小类编码 {0} 已存在</source>
        <translation>Category code {0} already exists</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="679"/>
        <source>{0}编码「{1}」应为 {2} 位数字</source>
        <translation>{0} code &quot;{1}&quot; should have {2} digits</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="680"/>
        <source>类型「{0}」应为 事件 或 部件</source>
        <translation>Kind &quot;{0}&quot; should be 事件 (event) or 部件 (part)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="681"/>
        <source>大类编码不能为 00</source>
        <translation>Class code cannot be 00</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="682"/>
        <source>小类编码「{0}」的序号不能为 00</source>
        <translation>The sequence number in category code &quot;{0}&quot; cannot be 00</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="683"/>
        <source>小类编码「{0}」不属于大类 {1}（前 2 位应为 {2}）</source>
        <translation>Category code &quot;{0}&quot; does not belong to class {1} (its first 2 digits should be {2})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="684"/>
        <source>{0}大类的编码应在 {1}–{2} 之间，「{3}」不在其中</source>
        <translation>Codes of {0} classes should be between {1} and {2}; &quot;{3}&quot; is not</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="685"/>
        <source>{0}过多（{1} 个），最多 {2} 个</source>
        <translation>{0}: too many ({1}), at most {2} allowed</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="686"/>
        <source>{0}过长（合计最多 {1} 字）</source>
        <translation>{0} is too long (at most {1} characters in total)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="687"/>
        <source>{0}应为文字</source>
        <translation>{0} should be text</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="688"/>
        <source>{0}「{1}」过长，每个关键词最多 {2} 个字</source>
        <translation>{0} &quot;{1}&quot; is too long; each keyword can have at most {2} characters</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="689"/>
        <source>街道编码「{0}」的乡级代码 {1} 不在 001–399 之内</source>
        <translation>The township code {1} in street code &quot;{0}&quot; is not within 001–399</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="690"/>
        <source>区县编码「{0}」的省级代码 {1} 不存在</source>
        <translation>The province code {1} in district code &quot;{0}&quot; does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="691"/>
        <source>区县编码「{0}」不是区县级代码</source>
        <translation>District code &quot;{0}&quot; is not a district-level code</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="692"/>
        <source>街道编码「{0}」不属于区县 {1}</source>
        <translation>Street code &quot;{0}&quot; does not belong to district {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="693"/>
        <source>社区编码「{0}」的居（村）委会代码不能为 000</source>
        <translation>The residents&apos; (villagers&apos;) committee code in community code &quot;{0}&quot; cannot be 000</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="694"/>
        <source>社区编码「{0}」不属于街道 {1}</source>
        <translation>Community code &quot;{0}&quot; does not belong to street {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="695"/>
        <source>网格编码「{0}」的网格序号不能为 0</source>
        <translation>The grid number in grid code &quot;{0}&quot; cannot be 0</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="696"/>
        <source>网格编码「{0}」不属于社区 {1}（前 12 位应相同）</source>
        <translation>Grid code &quot;{0}&quot; does not belong to community {1} (the first 12 digits should be the same)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="697"/>
        <source>本社区已有名为「{0}」的网格（{1}）</source>
        <translation>This community already has a grid named &quot;{0}&quot; ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="699"/>
        <source>网格编码 {0} 已存在</source>
        <translation>Grid code {0} already exists</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="702"/>
        <source>区县编码 {0} 不存在</source>
        <translation>District code {0} does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="703"/>
        <source>本街道已有名为「{0}」的社区（{1}）</source>
        <translation>This street already has a community named &quot;{0}&quot; ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="705"/>
        <source>社区编码「{0}」的前 9 位 {1} 不是本库的街道编码{2}</source>
        <translation>The first 9 digits of community code &quot;{0}&quot;, {1}, are not the street code of this database{2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="706"/>
        <source>社区编码 {0} 已存在</source>
        <translation>Community code {0} already exists</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="707"/>
        <source>数据库已建立街道「{0}」（{1}），一个指挥中心只服务一个街道</source>
        <translation>The database already has the street &quot;{0}&quot; ({1}); a command center serves only one street</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="708"/>
        <source>网格 {0}（{1}）已于 {2} 停用，不能再上报新案件，请选择现在的网格</source>
        <translation>Grid {0} ({1}) was retired on {2} and can no longer take new cases; please choose the current grid</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="711"/>
        <source>网格 {0}（{1}）自 {2} 起启用，此前不能上报</source>
        <translation>Grid {0} ({1}) comes into use on {2}; cases cannot be reported in it before then</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="712"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="713"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="714"/>
        <source>{0}「{1}」应为 yes 或 no（是 / 否）</source>
        <translation>{0} &quot;{1}&quot; should be yes or no (是 / 否)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="715"/>
        <source>计时方式「{0}」无法识别，可选：working（工作时）、natural（自然时）</source>
        <translation>Time basis &quot;{0}&quot; is not recognized; choose: working (working time), natural (natural time)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="718"/>
        <source>{0}「{1}」过长，最多 {2} 个字</source>
        <translation>{0} &quot;{1}&quot; is too long; at most {2} characters</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="719"/>
        <source>{0}「{1}」应为不小于 0 的整数</source>
        <translation>{0} &quot;{1}&quot; should be a whole number of 0 or more</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="720"/>
        <source>{0}「{1}」应在 0 与 {2} 之间</source>
        <translation>{0} &quot;{1}&quot; should be between 0 and {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="721"/>
        <source>{0}「{1}」应为小时数（例如 4 或 0.5）</source>
        <translation>{0} &quot;{1}&quot; should be a number of hours (e.g. 4 or 0.5)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="722"/>
        <source>{0}应大于 0 且不超过 {1} 小时（90 天），给出的是 {2} 小时</source>
        <translation>{0} should be more than 0 and at most {1} hours (90 days); {2} hours was given</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="723"/>
        <source>{0}没有可修改的字段「{1}」，可修改：{2}</source>
        <translation>{0} has no editable field &quot;{1}&quot;; editable fields: {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="724"/>
        <source>没有给出{0}要修改的内容</source>
        <translation>No changes were given for {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="725"/>
        <source>部门（编号 {0}）不存在</source>
        <translation>Department (ID {0}) does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="726"/>
        <source>部门「{0}」已存在</source>
        <translation>Department &quot;{0}&quot; already exists</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="728"/>
        <source>联系电话「{0}」过长，最多 32 个字符</source>
        <translation>Phone number &quot;{0}&quot; is too long; at most 32 characters</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="729"/>
        <source>部门「{0}」还有 {1} 件在办案件，请先改派或办结后再停用</source>
        <translation>Department &quot;{0}&quot; still has {1} open cases; redispatch or close them before disabling the department</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="730"/>
        <source>部门「{0}」仍是 {1} 个案件类别的默认部门，请先更换默认部门再停用</source>
        <translation>Department &quot;{0}&quot; is still the default department for {1} case categories; change their default department before disabling it</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="733"/>
        <source>工作时</source>
        <translation>Working time</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="734"/>
        <source>自然时</source>
        <translation>Natural time</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="735"/>
        <source>派遣时限</source>
        <translation>Dispatch limit</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="736"/>
        <source>处置时限</source>
        <translation>Handling limit</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="737"/>
        <source>核查时限</source>
        <translation>Verification limit</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="738"/>
        <source>人口</source>
        <translation>Population</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="739"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="741"/>
        <source>没有名为「{0}」的设置项</source>
        <translation>There is no setting named &quot;{0}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="742"/>
        <source>保留的自动备份份数应在 1 与 365 之间</source>
        <translation>The number of automatic backups kept should be between 1 and 365</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="743"/>
        <source>预警比例应在 0 与 1 之间（例如 0.8）</source>
        <translation>The warning share should be between 0 and 1 (e.g. 0.8)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="744"/>
        <source>「照片保留拍摄位置」应为 是 或 否</source>
        <translation>&quot;Keep location in photos&quot; should be 是 (yes) or 否 (no)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="745"/>
        <source>设置「{0}」的值无效：{1}</source>
        <translation>Invalid value for setting &quot;{0}&quot;: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="750"/>
        <source>角色「{0}」无法识别，可选：{1}</source>
        <translation>Role &quot;{0}&quot; is not recognized; choose from: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="751"/>
        <source>密码至少 {0} 位</source>
        <translation>The password must be at least {0} characters</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="752"/>
        <source>密码需同时包含字母和数字</source>
        <translation>The password must contain both letters and digits</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="753"/>
        <source>第一个账号必须是管理员（--role admin）</source>
        <translation>The first account must be an administrator (--role admin)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="754"/>
        <source>用户名不能为空、不能含空格，最多 64 个字符</source>
        <translation>The user name must not be empty or contain spaces, and may be at most 64 characters</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="755"/>
        <source>用户名「{0}」已存在</source>
        <translation>User name &quot;{0}&quot; already exists</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="756"/>
        <source>「{0}」账号需要指定所属部门（--department）</source>
        <translation>A &quot;{0}&quot; account needs a department (--department)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="757"/>
        <source>部门「{0}」已停用</source>
        <translation>Department &quot;{0}&quot; is disabled</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="746"/>
        <source>用户名或密码错误</source>
        <translation>Wrong user name or password</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="759"/>
        <source>「{0}」是中心的角色，不属于某个部门</source>
        <translation>&quot;{0}&quot; is a center role and does not belong to a department</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="760"/>
        <source>账号「{0}」不存在</source>
        <translation>Account &quot;{0}&quot; does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="761"/>
        <source>不能停用自己正在使用的账号</source>
        <translation>You cannot disable the account you are signed in with</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="747"/>
        <source>账号「{0}」已停用，请联系管理员</source>
        <translation>Account &quot;{0}&quot; is disabled; please contact the administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="762"/>
        <source>原密码不正确</source>
        <translation>The current password is incorrect</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="748"/>
        <source>账号「{0}」因多次密码错误已锁定，请 {1} 分钟后再试</source>
        <translation>Account &quot;{0}&quot; is locked after too many wrong passwords; try again in {1} minutes</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="23"/>
        <source>另有 {0} 处</source>
        <translation>{0} more</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="93"/>
        <source>流转记录有 {0} 处被改动：{1}</source>
        <translation>The case history has been altered in {0} places: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="110"/>
        <source>已于 {0} 停用</source>
        <translation>retired on {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="111"/>
        <source>已停用</source>
        <translation>retired</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="114"/>
        <source>案件类别 {0} {1}（{2}），不能再上报此类案件；请选择其他小类</source>
        <translation>Case category {0} {1} ({2}) can no longer be reported; please choose another category</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="698"/>
        <source>维护网格</source>
        <translation>maintain grids</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="700"/>
        <source>维护区县</source>
        <translation>maintain districts</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="701"/>
        <source>维护街道</source>
        <translation>maintain streets</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="704"/>
        <source>维护社区</source>
        <translation>maintain communities</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="727"/>
        <source>维护部门</source>
        <translation>maintain departments</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="740"/>
        <source>修改中心设置</source>
        <translation>change the center&apos;s settings</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="749"/>
        <source>密码连续错误 {0} 次，账号已锁定 {1} 分钟</source>
        <translation>{0} wrong passwords in a row: the account is locked for {1} minutes</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="758"/>
        <source>管理账号</source>
        <translation>manage accounts</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="763"/>
        <source>{0}「{1}」无权{2}：案件不属于本部门</source>
        <translation>{0} &quot;{1}&quot; is not permitted to {2}: the case does not belong to their department</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="764"/>
        <source>{0}「{1}」无权{2}</source>
        <translation>{0} &quot;{1}&quot; is not permitted to {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="765"/>
        <source>审计日志的链头记录缺失（被删除过）</source>
        <translation>The chain head record of the audit log is missing (it has been deleted)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="766"/>
        <source>审计日志的链头（第 {0} 条）与最后一条记录（第 {1} 条）不一致（链头或最后的记录被改动、删除过）</source>
        <translation>The chain head of the audit log (entry {0}) does not match the last entry (entry {1}) (the chain head or the last entries have been altered or deleted)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="770"/>
        <source>审计日志完整，共 {0} 条记录</source>
        <translation>The audit log is intact: {0} entries</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="771"/>
        <source>查看审计日志</source>
        <translation>view the audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="772"/>
        <source>重新锚定审计日志</source>
        <translation>re-anchor the audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="773"/>
        <source>请说明重新锚定的原因（例如：服务器端从 11 月 20 日的备份恢复）</source>
        <translation>Please give the reason for re-anchoring (e.g. the server was restored from the November 20 backup)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="776"/>
        <source>审计日志完整，共 {0} 条记录；{1}</source>
        <translation>The audit log is intact: {0} entries; {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="777"/>
        <source>审计日志完整，共 {0} 条记录；与本机记下的第 {1} 条一致</source>
        <translation>The audit log is intact: {0} entries; it agrees with entry {1} as recorded on this computer</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="778"/>
        <source>第 {0} 条记录与前一条不衔接（前面的记录被删除、插入或改动）</source>
        <translation>Entry {0} does not follow on from the one before it (an earlier entry was deleted, inserted or altered)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="779"/>
        <source>第 {0} 条记录的内容被改动过</source>
        <translation>Entry {0} has been altered</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="780"/>
        <source>建立本街道的区划</source>
        <translation>set up the street&apos;s communities and grids</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="781"/>
        <source>修改中心名称</source>
        <translation>change the center&apos;s name</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="782"/>
        <source>这是演示数据库（新明街道），不能导入本中心的基础数据；请在新的空数据库中建立本街道</source>
        <translation>This is the demo database (Xinming Street) and cannot take your center&apos;s master data; please set up your street in a new, empty database</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="786"/>
        <source>街道编码</source>
        <translation>Street code</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="787"/>
        <source>数据库已建立街道「{0}」（{1}），与模板中的 {2} 不同；一个指挥中心只服务一个街道</source>
        <translation>The database already has the street &quot;{0}&quot; ({1}), not {2} as in the template; a command center serves only one street</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="549"/>
        <source>社区名称</source>
        <translation>Community name</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="791"/>
        <source>数据库中已有同名社区「{0}」（{1}）</source>
        <translation>The database already has a community named &quot;{0}&quot; ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="792"/>
        <source>所属社区编码</source>
        <translation>Community code</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="793"/>
        <source>社区编码 {0} 既不在「社区」表中，也不在数据库中</source>
        <translation>Community code {0} is neither in the &quot;社区&quot; (communities) sheet nor in the database</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="550"/>
        <source>网格名称</source>
        <translation>Grid name</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="794"/>
        <source>社区 {0} 中已有同名网格「{1}」（{2}）</source>
        <translation>Community {0} already has a grid named &quot;{1}&quot; ({2})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="795"/>
        <source>模板文件名应以 .xlsx 结尾：{0}</source>
        <translation>The template file name should end in .xlsx: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="796"/>
        <source>「{0}」：{1}（{2}），社区 {3} 个，网格 {4} 个，部门 {5} 个</source>
        <translation>&quot;{0}&quot;: {1} ({2}), {3} communities, {4} grids, {5} departments</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="797"/>
        <source>「{0}」含有数字以外的字符，{1}应为 {2} 位数字</source>
        <translation>&quot;{0}&quot; contains characters other than digits; {1} should be {2} digits</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="798"/>
        <source>「{0}」是 {1} 位，{2}应为 {3} 位数字</source>
        <translation>&quot;{0}&quot; is {1} characters long; {2} should be {3} digits</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="799"/>
        <source>「{0}」不是整数，{1}应填不小于 0 的整数</source>
        <translation>&quot;{0}&quot; is not a whole number; {1} should be a whole number of 0 or more</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="800"/>
        <source>模板中发现 {0} 处问题（涉及 {1} 行），未写入任何数据；请逐条修正后重新导入</source>
        <translation>Found {0} problems in the template ({1} rows); nothing was written. Fix each of them and import again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="803"/>
        <source>「{0}」是文字，{1}应填不小于 0 的整数（只写数字）</source>
        <translation>&quot;{0}&quot; is text; {1} should be a whole number of 0 or more (digits only)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="804"/>
        <source>表头单元格 {0} 是合并单元格；请取消合并，每列写一个列名</source>
        <translation>Header cell {0} is a merged cell; unmerge it and write one column name a column</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="805"/>
        <source>与{0}是同一列，已只用前一列</source>
        <translation>Same column as {0}; only the first one was used</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="806"/>
        <source>缺少工作表「{0}」</source>
        <translation>The sheet &quot;{0}&quot; is missing</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="807"/>
        <source>{0}「{1}」不是有效的手机号码（11 位，以 1 开头）或带区号的固定电话</source>
        <translation>{0} &quot;{1}&quot; is not a valid mobile number (11 digits starting with 1) or landline number with area code</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="810"/>
        <source>{0} {1} 不在合理范围内（应在 {2} 至 {3} 之间）</source>
        <translation>{0} {1} is outside the plausible range (should be between {2} and {3})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="811"/>
        <source>{0}「{1}」不是日期</source>
        <translation>{0} &quot;{1}&quot; is not a date</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="812"/>
        <source>{0}「{1}」应为整数</source>
        <translation>{0} &quot;{1}&quot; should be a whole number</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="813"/>
        <source>{0}应在 {1}–{2} 之间，实为 {3}</source>
        <translation>{0} should be between {1} and {2}, but is {3}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="814"/>
        <source>{0}「{1}」不合理</source>
        <translation>{0} &quot;{1}&quot; is not plausible</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="815"/>
        <source>{0}「{1}」不是存在的日期</source>
        <translation>{0} &quot;{1}&quot; is not a real date</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="816"/>
        <source>{0}「{1}」应为数字</source>
        <translation>{0} &quot;{1}&quot; should be a number</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="817"/>
        <source>{0}「{1}」无法识别为日期（例如 1985-03-12）</source>
        <translation>{0} &quot;{1}&quot; is not recognized as a date (e.g. 1985-03-12)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="818"/>
        <source>前 {0} 行中找不到表头{1}</source>
        <translation>No header row found in the first {0} rows{1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="819"/>
        <source>发现 {0} 处问题（{1} 行），未导入任何数据；请修正后重试，或选择只导入有效行</source>
        <translation>Found {0} problems (in {1} rows), so nothing was imported; fix them and try again, or choose to import only the valid rows</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="822"/>
        <source>「{0}」的第一个工作表是空的</source>
        <translation>The first sheet of &quot;{0}&quot; is empty</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="823"/>
        <source>「{0}」过大（{1} MB），拒绝导入</source>
        <translation>&quot;{0}&quot; is too large ({1} MB); import refused</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="824"/>
        <source>「{0}」不是 Excel 工作簿（.xlsx），拒绝导入</source>
        <translation>&quot;{0}&quot; is not an Excel workbook (.xlsx); import refused</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="825"/>
        <source>「{0}」包含 {1} 个内部文件，超出正常工作簿的范围，拒绝导入</source>
        <translation>&quot;{0}&quot; contains {1} internal files, more than a normal workbook has; import refused</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="826"/>
        <source>「{0}」含宏（VBA），拒绝导入；请另存为不含宏的 .xlsx 后再导入</source>
        <translation>&quot;{0}&quot; contains macros (VBA), import refused; save it as a .xlsx without macros, then import it again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="829"/>
        <source>「{0}」中没有工作表</source>
        <translation>&quot;{0}&quot; contains no sheets</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="830"/>
        <source>「{0}」中的工作表「{1}」缺失，文件已损坏</source>
        <translation>Sheet &quot;{1}&quot; is missing from &quot;{0}&quot;; the file is damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="831"/>
        <source>无法读取文件「{0}」：{1}</source>
        <translation>Cannot read the file &quot;{0}&quot;: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="832"/>
        <source>「{0}」已损坏，无法作为 Excel 工作簿打开</source>
        <translation>&quot;{0}&quot; is damaged and cannot be opened as an Excel workbook</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="833"/>
        <source>「{0}」解压后过大，疑似压缩炸弹，拒绝导入</source>
        <translation>&quot;{0}&quot; is too large when unpacked and may be a zip bomb; import refused</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="834"/>
        <source>「{0}」的压缩比异常（{1}），疑似压缩炸弹，拒绝导入</source>
        <translation>&quot;{0}&quot; has an abnormal compression ratio ({1}) and may be a zip bomb; import refused</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="835"/>
        <source>「{0}」已加密，请先在 Excel 中取消密码后再导入</source>
        <translation>&quot;{0}&quot; is encrypted; remove the password in Excel first, then import it</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="836"/>
        <source>「{0}」是含宏的工作簿（.xlsm），拒绝导入；请另存为 .xlsx 后再导入</source>
        <translation>&quot;{0}&quot; is a macro-enabled workbook (.xlsm), import refused; save it as .xlsx, then import it again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="839"/>
        <source>「{0}」已损坏，无法作为 Excel 工作簿打开（{1}）</source>
        <translation>&quot;{0}&quot; is damaged and cannot be opened as an Excel workbook ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="840"/>
        <source>「{0}」中的 {1} 不是 UTF-8 的 XML，拒绝导入</source>
        <translation>{1} in &quot;{0}&quot; is not UTF-8 XML; import refused</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="841"/>
        <source>「{0}」不是完整的 XML（已损坏），拒绝导入（{1}）</source>
        <translation>&quot;{0}&quot; is not complete XML (it is damaged); import refused ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="842"/>
        <source>「{0}」的工作表已损坏，无法读取（{1}），拒绝导入</source>
        <translation>The sheet in &quot;{0}&quot; is damaged and cannot be read ({1}); import refused</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="843"/>
        <source>「{0}」中的 {1} 含不安全的 XML（DTD/实体声明），拒绝导入</source>
        <translation>{1} in &quot;{0}&quot; contains unsafe XML (DTD/entity declarations); import refused</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="844"/>
        <source>「{0}」的工作表使用范围过大（有内容的单元格延伸到第 {1} 行、第 {2} 列），疑似恶意文件，拒绝导入；请删除表格右侧和下方多余的单元格后再导入</source>
        <translation>The used range of the sheet in &quot;{0}&quot; is too large (cells with content reach row {1}, column {2}), so it may be a malicious file, import refused; delete the extra cells to the right of and below the table, then import again</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="848"/>
        <source>交班</source>
        <translation>hand over a shift</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="566"/>
        <source>交班说明</source>
        <translation>The handover note</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="849"/>
        <source>接班</source>
        <translation>take over a shift</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="850"/>
        <source>交班记录 {0} 不存在</source>
        <translation>Handover record {0} does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="851"/>
        <source>这次交班已由「{0}」确认接班</source>
        <translation>This handover has already been acknowledged by &quot;{0}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="852"/>
        <source>不能确认自己的交班</source>
        <translation>You cannot acknowledge your own handover</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="853"/>
        <source>这次交班已由他人确认接班</source>
        <translation>This handover has already been acknowledged by someone else</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="854"/>
        <source>自定义区间需要给出开始和结束日期</source>
        <translation>A custom range needs a start date and an end date</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="855"/>
        <source>时区 {0} 有夏令时，SQLite 数据库无法按当地日期统计，请改用 PostgreSQL 或无夏令时的时区</source>
        <translation>Time zone {0} observes daylight saving time, so a SQLite database cannot compute statistics by local date; use PostgreSQL or a time zone without daylight saving time</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="859"/>
        <source>统计区间需要带时区的起止时间</source>
        <translation>The statistics range needs start and end times with a time zone</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="860"/>
        <source>统计区间的结束时间应晚于开始时间</source>
        <translation>The end of the statistics range must be later than its start</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="861"/>
        <source>{0}：汇总表缺少此行</source>
        <translation>{0}: this row is missing from the roll-up table</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="862"/>
        <source>{0}：汇总表多出此行</source>
        <translation>{0}: this row is extra in the roll-up table</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="863"/>
        <source>小类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="864"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="865"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="866"/>
        <source>案件</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="867"/>
        <source>重建统计日汇总</source>
        <translation>rebuild the daily statistics roll-ups</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="868"/>
        <source>更新统计日汇总</source>
        <translation>update the daily statistics roll-ups</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="869"/>
        <source>核对统计日汇总</source>
        <translation>verify the daily statistics roll-ups</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="870"/>
        <source>报表文件名应以 .xlsx 结尾：{0}</source>
        <translation>The report file name should end in .xlsx: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="871"/>
        <source>无法写入 {0}：没有写入文件夹 {1} 的权限</source>
        <translation>Cannot write {0}: no permission to write to folder {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="872"/>
        <source>无法写入 {0}：文件是只读的</source>
        <translation>Cannot write {0}: the file is read-only</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="873"/>
        <source>{0}共 {1} 行，超过 Excel 一张工作表的上限（{2} 行），没有导出：请按季度或月份、按社区或部门分别导出</source>
        <translation>{0} has {1} rows, more than an Excel sheet can hold ({2} rows), so it was not exported: export it separately by quarter or month, or by community or department</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="877"/>
        <source>统计期间「{0}」无法识别。{1}</source>
        <translation>Period &quot;{0}&quot; is not recognized. {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="878"/>
        <source>统计期间「{0}」的月份应在 1–12 之间。{1}</source>
        <translation>The month in period &quot;{0}&quot; should be between 1 and 12. {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="879"/>
        <source>统计期间「{0}」的季度应在 Q1–Q4 之间。{1}</source>
        <translation>The quarter in period &quot;{0}&quot; should be between Q1 and Q4. {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="880"/>
        <source>统计期间「{0}」的年份应在 2000–2099 之间</source>
        <translation>The year in period &quot;{0}&quot; should be between 2000 and 2099</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="881"/>
        <source>没有名为「{0}」的报表，可选：{1}</source>
        <translation>There is no report named &quot;{0}&quot;; choose from: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="882"/>
        <source>查看{0}</source>
        <translation>view {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="883"/>
        <source>导出报表</source>
        <translation>export returns</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="884"/>
        <source>导出未遮蔽的个人信息</source>
        <translation>export unmasked personal details</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="885"/>
        <source>{0}不能按部门统计，请选择全街道或某个社区</source>
        <translation>{0} cannot be broken down by department; choose the whole street or a community</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="886"/>
        <source>导出未脱敏的个人信息</source>
        <translation>export unmasked personal details</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="887"/>
        <source>街道编码 {0} 不存在</source>
        <translation>Street code {0} does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="888"/>
        <source>社区 {0}（{1}）不属于街道「{2}」</source>
        <translation>Community {0} ({1}) does not belong to street &quot;{2}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="889"/>
        <source>找不到可打印中文的字体：请安装 fonts-wqy-microhei（或设置环境变量 GRIDDESK_PDF_FONT 指向一个 TrueType 中文字体文件）</source>
        <translation>No font that can print Chinese was found: install fonts-wqy-microhei (or set the environment variable GRIDDESK_PDF_FONT to a TrueType Chinese font file)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="893"/>
        <source>GRIDDESK_PDF_FONT 指向的字体文件不存在：{0}</source>
        <translation>The font file that GRIDDESK_PDF_FONT points to does not exist: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="894"/>
        <source>案件 {0} 尚未派遣，不能打印派遣单</source>
        <translation>Case {0} has not been dispatched yet, so its dispatch slip cannot be printed</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="895"/>
        <source>案件 {0} 尚未结案，不能打印结案单</source>
        <translation>Case {0} has not been closed yet, so its closing slip cannot be printed</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="896"/>
        <source>案件 {0} 不在部门处置中，不能打印督办单</source>
        <translation>Case {0} is not being handled by a department, so its urging slip cannot be printed</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="897"/>
        <source>打印案件单据</source>
        <translation>print case slips</translation>
    </message>
    <message>
        <location filename="../../desktop/common/db_message_templates.py" line="898"/>
        <source>单据只能保存为 PDF 文件（.pdf）：{0}</source>
        <translation>Slips can only be saved as PDF files (.pdf): {0}</translation>
    </message>
</context>
<context>
    <name>DecisionsModel</name>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="156"/>
        <source>案件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="157"/>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="158"/>
        <source>新期限</source>
        <translation>New deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="159"/>
        <source>决定</source>
        <translation>Decision</translation>
    </message>
</context>
<context>
    <name>DemoStages</name>
    <message>
        <location filename="../../desktop/shell/startup.py" line="32"/>
        <source>街道、社区与网格</source>
        <translation>Street, communities and grids</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/startup.py" line="33"/>
        <source>人员花名册</source>
        <translation>Personnel rosters</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/startup.py" line="34"/>
        <source>案件</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/startup.py" line="35"/>
        <source>索引</source>
        <translation>Building indexes</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/startup.py" line="36"/>
        <source>收尾</source>
        <translation>Finishing</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/startup.py" line="37"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>DepartmentCard</name>
    <message>
        <location filename="../../desktop/desk/dispatch_board.py" line="135"/>
        <source>在办 %1</source>
        <translation>Open %1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_board.py" line="136"/>
        <source>预警 %1</source>
        <translation>Warn %1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_board.py" line="137"/>
        <source>超期 %1</source>
        <translation>Late %1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_board.py" line="140"/>
        <source>本月按期 %1</source>
        <translation>On time %1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_board.py" line="142"/>
        <source>协办 %1</source>
        <translation>Co %1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_board.py" line="144"/>
        <source>（超期 %1）</source>
        <translation> (%1 overdue)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_board.py" line="153"/>
        <source>本月应结案 %1 件，结案 %2 件，按期 %3 件</source>
        <translation>This month: %1 due, %2 closed, %3 on time</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_board.py" line="158"/>
        <source>单击只看该部门的案件，再次单击取消</source>
        <translation>Click to see only this department&apos;s cases; click again to clear</translation>
    </message>
</context>
<context>
    <name>DepartmentForm</name>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="51"/>
        <source>添加部门</source>
        <translation>Add department</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="51"/>
        <source>修改部门</source>
        <translation>Edit department</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="64"/>
        <source>手机号码或带区号的固定电话，如 024-42861301</source>
        <translation>Mobile number or landline with area code, e.g. 024-42861301</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="66"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="67"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="68"/>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="69"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
</context>
<context>
    <name>DepartmentPicker</name>
    <message>
        <location filename="../../desktop/desk/department_picker.py" line="128"/>
        <source>派遣到…</source>
        <translation>Dispatch to…</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/department_picker.py" line="148"/>
        <source>输入部门名称或拼音首字母筛选，如 rq</source>
        <translation>Filter by name or pinyin initials, e.g. rq</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/department_picker.py" line="160"/>
        <source>派遣意见（可选，Tab 进入，Ctrl+Enter 派遣）</source>
        <translation>Dispatch note (optional; Tab to enter it, Ctrl+Enter dispatches)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/department_picker.py" line="164"/>
        <source>告诉承办部门需要注意或要做的事</source>
        <translation>Tell the department what to watch for or do</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/department_picker.py" line="176"/>
        <source>派遣</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/department_picker.py" line="178"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/department_picker.py" line="187"/>
        <source>（默认部门）</source>
        <translation>(default department)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/department_picker.py" line="262"/>
        <source>勾选多个部门即联合派遣：先勾选的为主办，其余为协办（Shift+Enter 勾选）</source>
        <translation>Tick several departments for a joint dispatch: the first ticked leads, the others co-handle (Shift+Enter ticks)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/department_picker.py" line="266"/>
        <source>主办：%1</source>
        <translation>Lead: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/department_picker.py" line="268"/>
        <source>；协办：%1</source>
        <translation>; co: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/department_picker.py" line="325"/>
        <source>（建议）</source>
        <translation>(suggested)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/department_picker.py" line="337"/>
        <source>建议派遣：%1（%2）</source>
        <translation>Suggested: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/department_picker.py" line="340"/>
        <source>；当前在办 %1 件，超期 %2 件</source>
        <translation>; now handling %1, %2 overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/department_picker.py" line="362"/>
        <source>在办 %1 · 超期 %2 · 按期 %3</source>
        <translation>Open %1 · Overdue %2 · On time %3</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/department_picker.py" line="370"/>
        <source>本月结案 %1 件，按期 %2 件</source>
        <translation>Closed this month: %1, on time: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/department_picker.py" line="399"/>
        <source>派遣意见</source>
        <translation>Dispatch note</translation>
    </message>
</context>
<context>
    <name>DepartmentTracks</name>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="60"/>
        <source>待受理</source>
        <translation>To accept</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="61"/>
        <source>处置中</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="62"/>
        <source>已反馈</source>
        <translation>Fed back</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="63"/>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="64"/>
        <source>已解除</source>
        <translation>Released</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="101"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="102"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="103"/>
        <source>受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="104"/>
        <source>反馈</source>
        <translation>Fed back</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="105"/>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="117"/>
        <source>主办 %1</source>
        <translation>Lead %1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="135"/>
        <source>协办 %1</source>
        <translation>Co %1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="162"/>
        <source>增派协办…</source>
        <translation>Add co-department…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="201"/>
        <source>（超期）</source>
        <translation> (late)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/co_section.py" line="203"/>
        <source>（按期）</source>
        <translation> (on time)</translation>
    </message>
</context>
<context>
    <name>DepartmentsModel</name>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="47"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="48"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="49"/>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="50"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="51"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="52"/>
        <source>在办案件</source>
        <translation>Open cases</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="57"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="57"/>
        <source>停用</source>
        <translation>Disabled</translation>
    </message>
</context>
<context>
    <name>DeskActions</name>
    <message>
        <location filename="../../desktop/desk/desk_actions.py" line="115"/>
        <source>打开案件</source>
        <translation>Open case</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_actions.py" line="116"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_actions.py" line="117"/>
        <source>转到案件编号…</source>
        <translation>Go to case number…</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_actions.py" line="118"/>
        <source>下一个状态页</source>
        <translation>Next status tab</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_actions.py" line="119"/>
        <source>上一个状态页</source>
        <translation>Previous status tab</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_actions.py" line="121"/>
        <source>第 %1 个状态页</source>
        <translation>Status tab %1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_actions.py" line="128"/>
        <source>来电登记…</source>
        <translation>Take a call…</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_actions.py" line="135"/>
        <source>写内部备注</source>
        <translation>Write an internal note</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_actions.py" line="142"/>
        <source>打印单据…</source>
        <translation>Print a slip…</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_actions.py" line="149"/>
        <source>上报区级平台或联席会议…</source>
        <translation>Escalate to district or joint meeting…</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_actions.py" line="156"/>
        <source>联席会议…</source>
        <translation>Joint meeting…</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_actions.py" line="163"/>
        <source>查重比较…</source>
        <translation>Check duplicates…</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_actions.py" line="165"/>
        <source>撤回上一步</source>
        <translation>Undo the last step</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_actions.py" line="168"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_actions.py" line="173"/>
        <source>快捷键一览</source>
        <translation>Keyboard shortcuts</translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <location filename="../../desktop/desk/desk_page.py" line="163"/>
        <source>当前角色不能登记来电</source>
        <translation>Your role cannot take calls</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_page.py" line="175"/>
        <source>已登记案件 %1（%2）</source>
        <translation>Case %1 taken (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_page.py" line="177"/>
        <source>，已去除 %1 张照片的拍摄位置</source>
        <translation>; location removed from %1 photo(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_page.py" line="188"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/desk_page.py" line="194"/>
        <source>请选中一件案件再上报。</source>
        <translation>Select one case to escalate.</translation>
    </message>
</context>
<context>
    <name>DispatchBoard</name>
    <message>
        <location filename="../../desktop/desk/dispatch_board.py" line="258"/>
        <source>部门看板（将案件拖到部门上即派遣，按住 Ctrl 拖放则增派为协办）</source>
        <translation>Departments (drop cases on a department to dispatch; hold Ctrl to add it as co-department)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_board.py" line="260"/>
        <source>部门看板（当前角色不能派遣，仅供查看）</source>
        <translation>Departments (your role cannot dispatch; view only)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="51"/>
        <source>所选案件当前不能派遣</source>
        <translation>The selected cases cannot be dispatched now</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="59"/>
        <source>处置时限 %1</source>
        <translation>Handling deadline %1</translation>
    </message>
</context>
<context>
    <name>Dispatcher</name>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="175"/>
        <source>派遣到「%1」</source>
        <translation>Dispatch to “%1”</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="82"/>
        <source>%1 等 %2 件</source>
        <translation>%1 and others, %2 cases</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="95"/>
        <source>派遣 %1 到 %2</source>
        <translation>Dispatch %1 to %2</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="167"/>
        <source>，协办 %1</source>
        <translation>, co: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="169"/>
        <source>已派遣 %1 到 %2（Ctrl+Z 撤回）</source>
        <translation>Dispatched %1 to %2 (Ctrl+Z to undo)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="202"/>
        <source>已将「%1」增派为 %2 的协办部门</source>
        <translation>Added %1 as co-department of %2</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="208"/>
        <source>增派协办「%1」</source>
        <translation>Add co-department %1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="244"/>
        <source>撤回（没有可撤回的操作）</source>
        <translation>Undo (nothing to undo)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="245"/>
        <source>撤回 %1</source>
        <translation>Undo %1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="258"/>
        <source>没有可撤回的操作：只能撤回您最后一步的派遣。</source>
        <translation>Nothing to undo: only your last action, if it was a dispatch, can be undone.</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="265"/>
        <source>撤回派遣</source>
        <translation>Undo dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="266"/>
        <source>「%1」是 %2 分钟前的操作，确定要撤回吗？</source>
        <translation>“%1” was %2 minutes ago. Undo it?</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="301"/>
        <source>之后您又对案件 %1 做了「%2」</source>
        <translation>afterwards you did “%2” on case %1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="305"/>
        <source>之后记录已变化</source>
        <translation>the records have changed since</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="308"/>
        <source>未撤回「%1」：%2，撤回只针对最后一步操作。</source>
        <translation>Not undone “%1”: %2; undo applies only to your last action.</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="340"/>
        <source>已撤回 %1 派遣到 %2</source>
        <translation>Took back %1 dispatched to %2</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="340"/>
        <source>已重新派遣 %1 到 %2</source>
        <translation>Dispatched %1 to %2 again</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="347"/>
        <source>撤销派遣</source>
        <translation>Undo dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="347"/>
        <source>重做派遣</source>
        <translation>Redo dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/dispatch_undo.py" line="363"/>
        <source>%1：%2 件中 %3 件未成功，其余已完成。</source>
        <translation>%1: %3 of %2 failed, the others are done.</translation>
    </message>
</context>
<context>
    <name>Domain</name>
    <message>
        <location filename="../../desktop/core/i18n.py" line="113"/>
        <source>待立案</source>
        <comment>status</comment>
        <translation>To register</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="114"/>
        <source>待派遣</source>
        <comment>status</comment>
        <translation>To dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="115"/>
        <source>不予立案</source>
        <comment>status</comment>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="116"/>
        <source>社区自办</source>
        <comment>status</comment>
        <translation>Self-resolved</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="117"/>
        <source>待受理</source>
        <comment>status</comment>
        <translation>To accept</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="118"/>
        <source>处置中</source>
        <comment>status</comment>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="119"/>
        <source>已退单</source>
        <comment>status</comment>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="120"/>
        <source>待核查</source>
        <comment>status</comment>
        <translation>To verify</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="121"/>
        <source>已结案</source>
        <comment>status</comment>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="122"/>
        <source>挂账</source>
        <comment>status</comment>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="123"/>
        <source>已合并</source>
        <comment>status</comment>
        <translation>Merged</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="129"/>
        <source>待立案</source>
        <comment>group</comment>
        <translation>To register</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="130"/>
        <source>待派遣</source>
        <comment>group</comment>
        <translation>To dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="131"/>
        <source>处置中</source>
        <comment>group</comment>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="132"/>
        <source>待核查</source>
        <comment>group</comment>
        <translation>To verify</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="133"/>
        <source>已结案</source>
        <comment>group</comment>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="139"/>
        <source>时限重算</source>
        <comment>action</comment>
        <translation>Deadline recomputed</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="141"/>
        <source>协办派遣</source>
        <comment>action</comment>
        <translation>Co-dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="142"/>
        <source>协办受理</source>
        <comment>action</comment>
        <translation>Co-accept</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="143"/>
        <source>协办退回</source>
        <comment>action</comment>
        <translation>Co-return</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="144"/>
        <source>协办反馈</source>
        <comment>action</comment>
        <translation>Co-feedback</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="145"/>
        <source>解除协办</source>
        <comment>action</comment>
        <translation>Release co-department</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="150"/>
        <source>提级上报</source>
        <comment>action</comment>
        <translation>Escalated</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="152"/>
        <source>督办回复</source>
        <comment>action</comment>
        <translation>Urging reply</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="154"/>
        <source>上报</source>
        <comment>action</comment>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="155"/>
        <source>立案</source>
        <comment>action</comment>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="156"/>
        <source>不予立案</source>
        <comment>action</comment>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="157"/>
        <source>社区自办</source>
        <comment>action</comment>
        <translation>Resolve locally</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="158"/>
        <source>派遣</source>
        <comment>action</comment>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="159"/>
        <source>受理</source>
        <comment>action</comment>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="160"/>
        <source>退单</source>
        <comment>action</comment>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="161"/>
        <source>改派</source>
        <comment>action</comment>
        <translation>Redispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="162"/>
        <source>反馈</source>
        <comment>action</comment>
        <translation>Feedback</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="163"/>
        <source>核查通过</source>
        <comment>action</comment>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="164"/>
        <source>返工</source>
        <comment>action</comment>
        <translation>Rework</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="165"/>
        <source>延期</source>
        <comment>action</comment>
        <translation>Extend</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="166"/>
        <source>挂账</source>
        <comment>action</comment>
        <translation>Suspend</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="167"/>
        <source>解挂</source>
        <comment>action</comment>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="168"/>
        <source>督办</source>
        <comment>action</comment>
        <translation>Urge</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="169"/>
        <source>回访</source>
        <comment>action</comment>
        <translation>Callback</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="170"/>
        <source>合并</source>
        <comment>action</comment>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="171"/>
        <source>撤回</source>
        <comment>action</comment>
        <translation>Recall</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="177"/>
        <source>网格上传</source>
        <translation>Grid upload</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="178"/>
        <source>巡查发现</source>
        <translation>Patrol</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="179"/>
        <source>热线转办</source>
        <translation>12345 hotline</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="180"/>
        <source>来访</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="181"/>
        <source>上级交办</source>
        <translation>Assigned from above</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="182"/>
        <source>来电</source>
        <translation>Phone call</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="188"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="189"/>
        <source>基本满意</source>
        <translation>Mostly satisfied</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="190"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="191"/>
        <source>未联系上</source>
        <translation>Not reached</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="197"/>
        <source>调度员</source>
        <translation>Dispatcher</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="198"/>
        <source>文书</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="199"/>
        <source>值班长</source>
        <translation>Shift lead</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="200"/>
        <source>领导</source>
        <translation>Leader</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="201"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="202"/>
        <source>部门经办</source>
        <translation>Department handler</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="203"/>
        <source>部门负责人</source>
        <translation>Department head</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="204"/>
        <source>系统</source>
        <translation>System</translation>
    </message>
</context>
<context>
    <name>DomainValues</name>
    <message>
        <location filename="../../desktop/core/i18n.py" line="212"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="213"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="214"/>
        <source>中共党员</source>
        <translation>CPC member</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="215"/>
        <source>群众</source>
        <translation>Non-party</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="216"/>
        <source>在岗</source>
        <translation>In post</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="217"/>
        <source>离岗</source>
        <translation>Left post</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="218"/>
        <source>在任</source>
        <translation>In office</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="219"/>
        <source>离任</source>
        <translation>Left office</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="220"/>
        <source>帮带中</source>
        <translation>Mentoring</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="221"/>
        <source>已结业</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="222"/>
        <source>已结束</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="223"/>
        <source>已报到</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="224"/>
        <source>已转出</source>
        <translation>Transferred out</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="225"/>
        <source>网格长</source>
        <translation>Grid leader</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="226"/>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="227"/>
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="228"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="229"/>
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="230"/>
        <source>达标</source>
        <translation>Meets standard</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="231"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="232"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="233"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="240"/>
        <source>任期将满（剩 {n} 天）</source>
        <translation>Term ends soon ({n} days left)</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="242"/>
        <source>任期已满 {n} 天</source>
        <translation>Term ended {n} days ago</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="243"/>
        <source>缺 {n} 人</source>
        <translation>{n} short</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="261"/>
        <source>、</source>
        <comment>list separator</comment>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="270"/>
        <source>{0} 年的节假日尚未录入，工作时限只按周末休息计算</source>
        <translation>The {0} holidays are not entered; deadlines count only weekends as days off</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="274"/>
        <source>{0} 年的节假日安排仍为暂定（调休上班日可能缺失），工作时限可能不准</source>
        <translation>The {0} holidays are provisional (make-up working days may be missing); deadlines may be off</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="280"/>
        <source>{0} 年的节假日尚未录入（{1} 天后开始）</source>
        <translation>The {0} holidays are not entered (the year starts in {1} days)</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="284"/>
        <source>{0} 年的节假日安排仍为暂定（调休上班日可能缺失，{1} 天后开始）</source>
        <translation>The {0} holidays are provisional (make-up working days may be missing; the year starts in {1} days)</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="292"/>
        <source>请在「设置 → 节假日日历」或用 griddesk-admin calendar import 录入国务院公布的安排</source>
        <translation>enter the State Council’s schedule in “Settings → Holiday calendar” or with griddesk-admin calendar import</translation>
    </message>
    <message>
        <location filename="../../desktop/core/i18n.py" line="312"/>
        <source>；</source>
        <comment>sentence separator</comment>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="469"/>
        <source>设置完成</source>
        <translation>Setup complete</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="470"/>
        <source>第 4 步，共 4 步：已写入数据库</source>
        <translation>Step 4 of 4: written to the database</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="473"/>
        <source>已写入</source>
        <translation>Written</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="478"/>
        <source>接下来：
• 在“设置 → 账号管理”中为调度员、文书、值班长和领导开设账号；
• 在“人员”中导入网格员、社区工作者花名册；
• 街道、社区、网格和部门以后都可以在“设置 → 基础数据”中修改，或改好模板后再次导入（已有的编码会被更新）。</source>
        <translation>Next:
• open accounts for dispatchers, clerks, shift leads and leaders in “Settings → Accounts”;
• import the grid workers’ and community workers’ rosters in “People”;
• the street, communities, grids and departments can be changed later in “Settings → Master data”, or by importing the corrected template again (existing codes are updated).</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="498"/>
        <source>已写入数据库。新建 %1；更新 %2。</source>
        <translation>Written to the database. Created %1; updated %2.</translation>
    </message>
</context>
<context>
    <name>DragImage</name>
    <message>
        <location filename="../../desktop/desk/drag_image.py" line="56"/>
        <source>共 %1 件</source>
        <translation>%1 cases</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="143"/>
        <source>查重比较 — 案件 %1</source>
        <translation>Duplicate check — case %1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="147"/>
        <source>正在查找疑似重复的案件…</source>
        <translation>Looking for possible duplicates…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="166"/>
        <source>合并到此案</source>
        <translation>Merge into this case</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="168"/>
        <source>将此案合并</source>
        <translation>Merge this case</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="170"/>
        <source>不是重复</source>
        <translation>Not a duplicate</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="216"/>
        <source>案件 %1 有 %2 件疑似重复，最相似的在前；选中一件与本案并排比较。</source>
        <translation>Case %1 has %2 possible duplicates, most similar first; select one to compare side by side.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="223"/>
        <source>案件 %1 没有疑似重复的案件。</source>
        <translation>Case %1 has no possible duplicates.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="261"/>
        <source>把案件 %1 作为重复合并到本案 %2</source>
        <translation>Merge case %1 into this case %2 as a duplicate</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="266"/>
        <source>把本案 %1 作为重复合并到案件 %2</source>
        <translation>Merge this case %1 into case %2 as a duplicate</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/duplicates_dialog.py" line="299"/>
        <source>案件 %1 已合并到 %2</source>
        <translation>Case %1 merged into %2</translation>
    </message>
</context>
<context>
    <name>Durations</name>
    <message>
        <location filename="../../desktop/common/durations.py" line="43"/>
        <source>%1天%2时</source>
        <translation>%1d%2h</translation>
    </message>
    <message>
        <location filename="../../desktop/common/durations.py" line="49"/>
        <source>%1时%2分</source>
        <translation>%1h%2m</translation>
    </message>
    <message>
        <location filename="../../desktop/common/durations.py" line="54"/>
        <source>%1分</source>
        <translation>%1m</translation>
    </message>
    <message>
        <location filename="../../desktop/common/durations.py" line="55"/>
        <source>&lt;1分</source>
        <translation>&lt;1m</translation>
    </message>
    <message>
        <location filename="../../desktop/common/durations.py" line="64"/>
        <source>超 %1</source>
        <translation>%1 late</translation>
    </message>
    <message>
        <location filename="../../desktop/common/durations.py" line="66"/>
        <location filename="../../desktop/common/durations.py" line="70"/>
        <source>剩 %1</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <location filename="../../desktop/common/durations.py" line="75"/>
        <source>工</source>
        <comment>working-time marker</comment>
        <translation>W</translation>
    </message>
    <message>
        <location filename="../../desktop/common/durations.py" line="99"/>
        <source>“工”：按工作时间倒计时，下班时间和节假日不计，1天 = 1个工作日</source>
        <translation>“W”: counts down in working time; off hours and holidays do not count, 1d = 1 working day</translation>
    </message>
    <message>
        <location filename="../../desktop/common/durations.py" line="102"/>
        <source>按自然时间倒计时</source>
        <translation>Counts down in natural (wall-clock) time</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="72"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="72"/>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="93"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="94"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="160"/>
        <source>身份证号是人员的身份标识，不能在此修改</source>
        <translation>The ID number identifies the person and cannot be changed here</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <location filename="../../desktop/common/error_text.py" line="35"/>
        <source>内部错误：</source>
        <translation>Internal error: </translation>
    </message>
</context>
<context>
    <name>EscalateDialog</name>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="56"/>
        <source>上报 — 案件 %1</source>
        <translation>Escalate — case %1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="62"/>
        <source>街道联席会议</source>
        <translation>Street joint meeting</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="63"/>
        <source>区级平台</source>
        <translation>District platform</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="64"/>
        <source>上报至</source>
        <translation>Escalate to</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="68"/>
        <source>上报原因，如：多次督办仍未办结，需协调</source>
        <translation>Reason, e.g. still open after several urgings, needs coordination</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="69"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="78"/>
        <source>上报</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="79"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="92"/>
        <source>请填写上报原因。</source>
        <translation>Please enter the reason.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="100"/>
        <source>案件 %1 已上报%2</source>
        <translation>Case %1 escalated to %2</translation>
    </message>
</context>
<context>
    <name>EscalationRulesDialog</name>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="100"/>
        <source>督办规则</source>
        <translation>Escalation rules</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="105"/>
        <source>到预警时间提醒承办部门；到处置期限由系统督办（街道级），部门须在回复期限内回复；超期若干工作日、或督办回复逾期，上报区级平台或街道联席会议。天数均按工作日计。小类规则优先于紧急/一般案件的规则。</source>
        <translation>At the warning time the department is reminded; at the deadline the system urges it (street level) and it must reply in time; when a case is overdue by some working days, or a reply is late, it is escalated to the district platform or the street&apos;s joint meeting. Days are working days. A category&apos;s rule takes precedence over the urgent/ordinary rules.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="126"/>
        <source>一般案件</source>
        <translation>Ordinary cases</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="127"/>
        <source>紧急案件</source>
        <translation>Urgent cases</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="128"/>
        <source>全部案件</source>
        <translation>All cases</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="129"/>
        <source>某一小类</source>
        <translation>One category</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="131"/>
        <source>小类编码，如 0101</source>
        <translation>Category code, e.g. 0101</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="135"/>
        <source>适用范围</source>
        <translation>Applies to</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="136"/>
        <source>到预警时间提醒承办部门</source>
        <translation>Remind the department at the warning time</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="137"/>
        <source>到处置期限系统督办</source>
        <translation>System urging at the deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="141"/>
        <source>督办回复期限</source>
        <translation>Reply deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="143"/>
        <source>不上报</source>
        <translation>Never</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="144"/>
        <source>超期后上报</source>
        <translation>Escalate when overdue by</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="146"/>
        <source>街道联席会议</source>
        <translation>Street joint meeting</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="147"/>
        <source>区级平台</source>
        <translation>District platform</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="148"/>
        <source>上报至</source>
        <translation>Escalate to</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="150"/>
        <source>上报后办理时限</source>
        <translation>Time limit after escalation</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="151"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="158"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="159"/>
        <source>保存规则</source>
        <translation>Save rule</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="168"/>
        <source>只有管理员可以修改督办规则。</source>
        <translation>Only administrators can change the escalation rules.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="179"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="230"/>
        <source>请填写小类编码。</source>
        <translation>Please enter the category code.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="234"/>
        <source>规则「%1」已保存。</source>
        <translation>Rule “%1” saved.</translation>
    </message>
</context>
<context>
    <name>EscalationSweeper</name>
    <message>
        <location filename="../../desktop/desk/escalation_sweeper.py" line="54"/>
        <source>督办规则：系统督办 %1 件，上报 %2 件</source>
        <translation>Escalation rules: %1 cases urged, %2 escalated</translation>
    </message>
</context>
<context>
    <name>ExtensionPanel</name>
    <message>
        <location filename="../../desktop/desk/extension_panel.py" line="109"/>
        <source>批准（%1）</source>
        <translation>Approve (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/extension_panel.py" line="112"/>
        <source>不批准…（%1）</source>
        <translation>Refuse… (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/extension_panel.py" line="151"/>
        <source>部门延期申请待审批（%1）</source>
        <translation>Departments&apos; extension requests to decide (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/extension_panel.py" line="180"/>
        <source>不批准延期 — 案件 %1</source>
        <translation>Refuse extension — case %1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/extension_panel.py" line="181"/>
        <source>不批准的原因（部门将看到）：</source>
        <translation>Reason for refusing (the department will see it):</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/extension_panel.py" line="182"/>
        <source>不批准</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/extension_panel.py" line="183"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/extension_panel.py" line="193"/>
        <source>已批准案件 %1 的延期申请</source>
        <translation>Extension request for case %1 approved</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/extension_panel.py" line="195"/>
        <source>已不批准案件 %1 的延期申请</source>
        <translation>Extension request for case %1 refused</translation>
    </message>
</context>
<context>
    <name>ExtensionRequestDialog</name>
    <message>
        <location filename="../../desktop/inbox/request_dialogs.py" line="87"/>
        <source>申请延期 — 案件 %1</source>
        <translation>Ask for an extension — case %1</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/request_dialogs.py" line="89"/>
        <source>当前期限</source>
        <translation>Current deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/request_dialogs.py" line="94"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/request_dialogs.py" line="95"/>
        <source>延长</source>
        <translation>Extend by</translation>
    </message>
</context>
<context>
    <name>ExtensionsModel</name>
    <message>
        <location filename="../../desktop/desk/extension_panel.py" line="44"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/extension_panel.py" line="45"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/extension_panel.py" line="46"/>
        <source>申请</source>
        <translation>Asked for</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/extension_panel.py" line="47"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/extension_panel.py" line="48"/>
        <source>申请人</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/extension_panel.py" line="49"/>
        <source>当前期限</source>
        <translation>Current deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/extension_panel.py" line="59"/>
        <source>延长 %1 个工作日</source>
        <translation>%1 more working days</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/extension_panel.py" line="63"/>
        <source>延至 %1</source>
        <translation>Until %1</translation>
    </message>
</context>
<context>
    <name>Figures</name>
    <message>
        <location filename="../../desktop/common/figure_texts.py" line="11"/>
        <source>期间内上报的案件数（各来源）。</source>
        <translation>Cases reported in the period (all sources).</translation>
    </message>
    <message>
        <location filename="../../desktop/common/figure_texts.py" line="12"/>
        <source>期间内派遣或改派的案件数，每件只计一次；已撤回派遣（撤销）的不计。</source>
        <translation>Cases dispatched or redispatched in the period, each counted once; dispatches taken back (undone) do not count.</translation>
    </message>
    <message>
        <location filename="../../desktop/common/figure_texts.py" line="15"/>
        <source>期间内核查通过结案的案件数；不予立案、社区自办、合并不计。</source>
        <translation>Cases closed after verification in the period; rejected, community-handled and merged cases do not count.</translation>
    </message>
    <message>
        <location filename="../../desktop/common/figure_texts.py" line="16"/>
        <source>当前在办、所处环节（派遣、处置或核查）已过时限的案件数。</source>
        <translation>Open cases whose current stage (dispatch, handling or verification) is past its limit.</translation>
    </message>
    <message>
        <location filename="../../desktop/common/figure_texts.py" line="17"/>
        <source>按期结案数 ÷ 应结案数。按期：结案且从未超过环节时限；应结案：期间内结案的，加上处置时限在期间内而未结案的（挂账不计）。期间内尚无结案时显示 —。</source>
        <translation>Closed on time ÷ due. On time: closed without ever passing a stage limit; due: closed in the period, plus those whose handling limit fell in the period and are not closed (suspended ones excluded). Shown as — when nothing closed in the period.</translation>
    </message>
    <message>
        <location filename="../../desktop/common/figure_texts.py" line="21"/>
        <source>当前在本部门的案件数（待受理、处置中、挂账）；已退单、待核查的不计。</source>
        <translation>Cases with the department now (awaiting acceptance, in handling, suspended); returned cases and cases awaiting verification do not count.</translation>
    </message>
    <message>
        <location filename="../../desktop/common/figure_texts.py" line="24"/>
        <source>在本部门、已过预警时间但未到时限的案件数。</source>
        <translation>Cases with the department past their warning time but not yet their limit.</translation>
    </message>
    <message>
        <location filename="../../desktop/common/figure_texts.py" line="25"/>
        <source>在本部门、受理或处置环节已过时限的案件数；已退单、待核查、挂账的不计。</source>
        <translation>Cases with the department whose acceptance or handling stage is past its limit; returned, awaiting verification and suspended cases do not count.</translation>
    </message>
    <message>
        <location filename="../../desktop/common/figure_texts.py" line="28"/>
        <source>本部门本月按期结案率（与统计页、大屏、部门绩效考核表同一口径）：按期结案数 ÷ 应结案数。按期：结案且从未超过环节时限；应结案：期间内结案的，加上处置时限在期间内而未结案的（挂账不计）。期间内尚无结案时显示 —。</source>
        <translation>The department&apos;s on-time rate this month (the same definition as the statistics page, the wall display and the department performance return): closed on time ÷ due. On time: closed without ever passing a stage limit; due: closed in the period, plus those whose handling limit fell in the period and are not closed (suspended ones excluded). Shown as — when nothing closed in the period.</translation>
    </message>
    <message>
        <location filename="../../desktop/common/figure_texts.py" line="32"/>
        <source>期间内派给本部门协办（吹哨报到）的案件数；已解除协办的不计。主办案件另计。</source>
        <translation>Cases sent to this department as co-department in the period; released ones not counted. Cases it leads are counted apart.</translation>
    </message>
    <message>
        <location filename="../../desktop/common/figure_texts.py" line="36"/>
        <source>协办按期反馈数 ÷ 协办应反馈数。按期：在本协办任务的期限内反馈；应反馈：期间内反馈的，加上期限在期间内而期末未反馈的（已解除协办的不计）。期间内无应反馈时显示 —。</source>
        <translation>Co-feedback on time ÷ co-feedback due. On time: fed back by the co-task&apos;s own deadline; due: fed back in the period, plus those whose deadline falls in the period and not fed back by its end (released ones not counted). — when nothing is due.</translation>
    </message>
    <message>
        <location filename="../../desktop/common/figure_texts.py" line="40"/>
        <source>本部门作为协办部门（吹哨报到）正在办理的案件数（待受理、处置中），不含本部门主办的在办案件；括号内为已过其协办期限的。</source>
        <translation>Cases this department is co-handling now (to accept, handling), apart from the cases it leads; in brackets those past their co-deadline.</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="132"/>
        <source>首次使用：创建管理员账号</source>
        <translation>First start: create the administrator account</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="136"/>
        <source>这个数据库还没有账号。请创建管理员账号，之后用它为调度员、文书、值班长和领导开设账号。</source>
        <translation>This database has no accounts yet. Create the administrator account; then use it to open accounts for dispatchers, clerks, shift leads and leaders.</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="155"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="156"/>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="157"/>
        <source>密码（至少 8 位，含字母和数字）</source>
        <translation>Password (at least 8 characters, letters and digits)</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="158"/>
        <source>再输入一次</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="162"/>
        <source>创建并登录</source>
        <translation>Create and sign in</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="163"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="174"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="188"/>
        <source>正在创建…</source>
        <translation>Creating…</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <location filename="../../desktop/setup/first_start.py" line="31"/>
        <source>尚未完成首次设置</source>
        <translation>First-start setup not done</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/first_start.py" line="32"/>
        <source>这个数据库还没有设置街道、社区和网格，暂时无法上报和派遣案件；请管理员登录完成首次设置。</source>
        <translation>This database has no street, communities or grids yet, so cases cannot be reported or dispatched; an administrator must sign in and complete the first-start setup.</translation>
    </message>
</context>
<context>
    <name>GazetteerForm</name>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="139"/>
        <source>添加地名地址</source>
        <translation>Add gazetteer entry</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="139"/>
        <source>修改地名地址</source>
        <translation>Edit gazetteer entry</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="151"/>
        <source>居民常用的其他叫法，多个用顿号分隔</source>
        <translation>Other names residents use, separated by 、</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="175"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="176"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="177"/>
        <source>别名</source>
        <translation>Aliases</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="178"/>
        <source>起始号</source>
        <translation>First number</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="179"/>
        <source>终止号</source>
        <translation>Last number</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="180"/>
        <source>单双号</source>
        <translation>Both sides</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="181"/>
        <source>地标类别</source>
        <translation>Landmark type</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="182"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="183"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="190"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="191"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="206"/>
        <source>不填</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="217"/>
        <source>一段道路的起止门牌号；两侧分属两个网格时，单号、双号各填一条。</source>
        <translation>First and last door number of a stretch of road; when its two sides lie in two grids, enter the odd and the even side separately.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="218"/>
        <source>整个小区在一个网格时楼号不填；跨网格的小区按楼号分条填写。</source>
        <translation>Leave the building numbers empty when the whole estate lies in one grid; an estate across grids gets one entry per range of buildings.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="219"/>
        <source>学校、市场、公交站、医院等居民报事时常说的地方。</source>
        <translation>Schools, markets, bus stops, hospitals: places residents name when they report.</translation>
    </message>
</context>
<context>
    <name>GazetteerModel</name>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="88"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="89"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="90"/>
        <source>门牌号 / 楼号</source>
        <translation>Door / building numbers</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="91"/>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="92"/>
        <source>别名</source>
        <translation>Aliases</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="93"/>
        <source>网格编码</source>
        <translation>Grid code</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="94"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="112"/>
        <source>整个小区</source>
        <translation>Whole estate</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="119"/>
        <source>%1–%2号</source>
        <translation>No. %1–%2</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="125"/>
        <source>%1–%2号楼</source>
        <translation>Buildings %1–%2</translation>
    </message>
</context>
<context>
    <name>GazetteerTab</name>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="58"/>
        <source>道路</source>
        <translation>Road</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="59"/>
        <source>小区</source>
        <translation>Estate</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="60"/>
        <source>地标</source>
        <translation>Landmark</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="63"/>
        <source>单双号</source>
        <translation>Both sides</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="64"/>
        <source>单号</source>
        <translation>Odd side</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="65"/>
        <source>双号</source>
        <translation>Even side</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="256"/>
        <source>全部类型</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="262"/>
        <source>按名称、别名或网格筛选</source>
        <translation>Filter by name, alias or grid</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="276"/>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="277"/>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="278"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="280"/>
        <source>写出模板…</source>
        <translation>Write template…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="282"/>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="283"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="285"/>
        <source>导入填好的模板：全部通过才写入；已有条目更新，不会重复</source>
        <translation>Import a filled-in template: written only if every row passes; existing entries are updated, never duplicated</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="289"/>
        <source>输入地址试定位，如 紫金路与钢铁路交口</source>
        <translation>Type an address to place it, e.g. 紫金路与钢铁路交口</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="311"/>
        <source>试定位：</source>
        <translation>Try an address:</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="364"/>
        <source>%1 / %2 条</source>
        <translation>%1 / %2 entries</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="392"/>
        <source>请先选择一条地名地址</source>
        <translation>Select one gazetteer entry first</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="400"/>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="400"/>
        <source>已添加：%1</source>
        <translation>Added: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="415"/>
        <source>请先选择要删除的地名地址</source>
        <translation>Select the gazetteer entries to delete first</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="417"/>
        <source>已删除 %1 条地名地址</source>
        <translation>Deleted %1 gazetteer entries</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="430"/>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="476"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="441"/>
        <source>写出地名地址模板</source>
        <translation>Write gazetteer template</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="441"/>
        <source>地名地址模板.xlsx</source>
        <translation>gazetteer-template.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="445"/>
        <source>地名地址模板已写出：%1</source>
        <translation>Gazetteer template written: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="456"/>
        <source>导出地名地址</source>
        <translation>Export gazetteer</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="456"/>
        <source>地名地址.xlsx</source>
        <translation>gazetteer.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="459"/>
        <source>已导出 %1 条地名地址：%2</source>
        <translation>Exported %1 gazetteer entries: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="474"/>
        <source>选择填好的地名地址表</source>
        <translation>Choose the filled-in gazetteer sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="495"/>
        <source>已导入「%1」：新增 %2 条，更新 %3 条，未变 %4 条</source>
        <translation>Imported “%1”: %2 added, %3 updated, %4 unchanged</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="521"/>
        <source>无法定位：地址中没有地名库中的道路、小区或地标</source>
        <translation>Cannot place: the address names no road, estate or landmark of the gazetteer</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="523"/>
        <source>确定</source>
        <translation>Certain</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/gazetteer_tab.py" line="523"/>
        <source>未确定，可能的网格：</source>
        <translation>Not certain; possible grids:</translation>
    </message>
</context>
<context>
    <name>GeographyActions</name>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="183"/>
        <source>拆分…</source>
        <translation>Split…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="186"/>
        <source>合并…</source>
        <translation>Merge…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="189"/>
        <source>停用…</source>
        <translation>Retire…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="201"/>
        <source>请先选择一个网格</source>
        <translation>Select a grid first</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="207"/>
        <source>网格 %1 已停用</source>
        <translation>Grid %1 retired</translation>
    </message>
</context>
<context>
    <name>GeographyChangeForm</name>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="60"/>
        <source>拆分网格</source>
        <translation>Split grid</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="61"/>
        <source>合并网格</source>
        <translation>Merge grids</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="62"/>
        <source>停用网格</source>
        <translation>Retire grid</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="73"/>
        <source>如调整文件文号</source>
        <translation>e.g. the number of the adjustment document</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="75"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="87"/>
        <source>新网格编码</source>
        <translation>New grid code</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="87"/>
        <source>新网格名称</source>
        <translation>New grid name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="90"/>
        <source>增加一个新网格</source>
        <translation>Add a new grid</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="96"/>
        <source>拆分为（原网格自生效日期起停用，已有案件仍属原网格）：</source>
        <translation>Split into (the old grid is retired from the effective date; existing cases stay in it):</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="100"/>
        <source>在岗网格长、网格员转入第一个新网格，完成后请核对名册。</source>
        <translation>Grid leaders and workers in post move to the first new grid; check the roster afterwards.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="113"/>
        <source>与本社区的这些网格合并：</source>
        <translation>Merge with these grids of the community:</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="116"/>
        <source>合并后编码</source>
        <translation>Code after the merge</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="117"/>
        <source>合并后名称</source>
        <translation>Name after the merge</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="121"/>
        <source>停用后不能再在该网格上报新案件；已有案件仍属该网格。</source>
        <translation>Once retired, no new cases can be reported in this grid; existing cases stay in it.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="124"/>
        <source>生效日期</source>
        <translation>Effective date</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/geography_change_dialog.py" line="125"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>GridDensityModel</name>
    <message>
        <location filename="../../desktop/stats/grid_density.py" line="20"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/grid_density.py" line="21"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/grid_density.py" line="22"/>
        <source>网格编码</source>
        <translation>Grid code</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/grid_density.py" line="23"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/grid_density.py" line="24"/>
        <source>在办</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/grid_density.py" line="25"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/grid_density.py" line="26"/>
        <source>每千户在办</source>
        <translation>Open per 1000 households</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/grid_density.py" line="64"/>
        <source>{grid}：在办 {open} 件，超期 {overdue} 件，每千户 {density:.2f} 件</source>
        <translation>{grid}: {open} open, {overdue} overdue, {density:.2f} per 1000 households</translation>
    </message>
</context>
<context>
    <name>GridForm</name>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="180"/>
        <source>添加网格</source>
        <translation>Add grid</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="180"/>
        <source>修改网格</source>
        <translation>Edit grid</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="189"/>
        <source>社区编码 + 2 或 3 位网格序号</source>
        <translation>Community code + 2- or 3-digit grid number</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="210"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="211"/>
        <source>网格编码</source>
        <translation>Grid code</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="212"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="213"/>
        <source>人口</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="214"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
</context>
<context>
    <name>GridsModel</name>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="108"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="109"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="110"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="111"/>
        <source>人口</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="112"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="113"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="119"/>
        <source>%1 起停用</source>
        <translation>retired from %1</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_models.py" line="121"/>
        <source>在用</source>
        <translation>in use</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../desktop/shell/handover.py" line="147"/>
        <source>接班</source>
        <translation>Take over shift</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="151"/>
        <source>%1 于 %2 交班</source>
        <translation>Handed over by %1 at %2</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="159"/>
        <source>（没有留言）</source>
        <translation>(no note)</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="168"/>
        <source>未结的紧急案件 %1 件、超期案件 %2 件（双击打开案件）：</source>
        <translation>Open urgent cases: %1, overdue cases: %2 (double-click to open a case):</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="177"/>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="178"/>
        <location filename="../../desktop/shell/handover.py" line="200"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="179"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="180"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="181"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="182"/>
        <source>责任部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="183"/>
        <source>剩余时间</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="221"/>
        <source>确认接班</source>
        <translation>Acknowledge handover</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="225"/>
        <source>稍后</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="226"/>
        <source>暂不确认；下次登录时仍会显示</source>
        <translation>Not now; it is shown again at the next sign-in</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="260"/>
        <source>已确认接班（交班人 %1）</source>
        <translation>Handover acknowledged (from %1)</translation>
    </message>
</context>
<context>
    <name>HandoverNoteDialog</name>
    <message>
        <location filename="../../desktop/shell/handover.py" line="82"/>
        <source>交班</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="86"/>
        <source>交班人：%1（%2）</source>
        <translation>Handing over: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="91"/>
        <source>正在统计未结的紧急和超期案件…</source>
        <translation>Counting open urgent and overdue cases…</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="96"/>
        <source>交班说明（可不填）：需要下一班跟进的事项…</source>
        <translation>Handover note (optional): what the next shift should follow up…</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="102"/>
        <source>交班并切换用户</source>
        <translation>Hand over and switch user</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="104"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="120"/>
        <source>未结的紧急案件 %1 件、超期案件 %2 件，将列给接班人。</source>
        <translation>%1 open urgent and %2 overdue cases will be listed for the next dispatcher.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="316"/>
        <source>变更记录</source>
        <translation>Change history</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="323"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="280"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="281"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="282"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="283"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="75"/>
        <source>从 Excel 导入花名册</source>
        <translation>Import a roster from Excel</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="94"/>
        <source>选择 .xlsx 文件</source>
        <translation>Choose an .xlsx file</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="95"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="105"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="106"/>
        <source>花名册</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="111"/>
        <source>下一步：检查文件</source>
        <translation>Next: check the file</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="113"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="123"/>
        <source>支持标题行、合并表头、空行、全角数字、文本日期和以数字保存的号码。导入前会列出全部问题，确认后才写入。含宏或损坏的文件会被拒绝。</source>
        <translation>Title rows, merged headers, blank rows, full-width digits, dates as text and numbers stored as numbers are understood. Every problem is listed before anything is written; files with macros or damage are refused.</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="140"/>
        <location filename="../../desktop/people/import_wizard.py" line="183"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="142"/>
        <source>下一步：按此对应重新检查</source>
        <translation>Next: check again with this mapping</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="173"/>
        <source>全部无误才导入（有问题则一行也不导入）</source>
        <translation>Import only if every row is valid (otherwise nothing)</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="174"/>
        <source>只导入没有问题的行</source>
        <translation>Import only the valid rows</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="185"/>
        <location filename="../../desktop/people/import_wizard.py" line="346"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="210"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="227"/>
        <source>选择花名册文件</source>
        <translation>Choose the roster file</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="227"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="238"/>
        <source>请先选择要导入的文件</source>
        <translation>Choose the file to import first</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="283"/>
        <source>表头（第 {row} 行）中有 {n} 个列名未能识别。请指定每列对应的字段，或选择“忽略”不导入该列。</source>
        <translation>{n} column names in the header (row {row}) were not recognised. Choose the field for each, or “Ignore” to skip the column.</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="296"/>
        <source>；</source>
        <comment>list separator</comment>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="297"/>
        <source>，可在下面指定。</source>
        <translation>; you can choose them below.</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="301"/>
        <source>忽略</source>
        <translation>Ignore</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="303"/>
        <source>（已有对应列）</source>
        <translation>(already mapped)</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="326"/>
        <source>。没有发现问题，可以导入。</source>
        <translation>. No problems found; ready to import.</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="328"/>
        <source>。以下问题须修正，或选择只导入没有问题的行。</source>
        <translation>. Fix the problems below, or import only the valid rows.</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="344"/>
        <source>导入 {n} 行有效数据</source>
        <translation>Import {n} valid rows</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="373"/>
        <source>已忽略的签名或说明行（未导入）：</source>
        <translation>Signature or note rows ignored (not imported):</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="375"/>
        <source>第 {row} 行「{text}」</source>
        <translation>row {row} “{text}”</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="379"/>
        <source>……另有 {n} 行</source>
        <translation>…and {n} more rows</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <location filename="../../desktop/inbox/inbox_model.py" line="25"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_model.py" line="26"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_model.py" line="27"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_model.py" line="28"/>
        <source>社区 / 地址</source>
        <translation>Community / address</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_model.py" line="29"/>
        <source>剩余时间</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_model.py" line="30"/>
        <source>督办</source>
        <translation>Urged</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_model.py" line="31"/>
        <source>派遣意见</source>
        <translation>Dispatch note</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_model.py" line="54"/>
        <source>协办</source>
        <translation>Co-handling</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_model.py" line="56"/>
        <source>急</source>
        <translation>urgent</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_model.py" line="58"/>
        <source>延期待批</source>
        <translation>extension pending</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="86"/>
        <source>待受理</source>
        <translation>To accept</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="87"/>
        <source>处置中</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="88"/>
        <source>待反馈</source>
        <translation>Feedback due</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="89"/>
        <source>被督办</source>
        <translation>Urged</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="90"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="125"/>
        <location filename="../../desktop/inbox/inbox_page.py" line="174"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="142"/>
        <source>此阶段没有案件</source>
        <translation>No cases at this stage</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="145"/>
        <source>显示更多</source>
        <translation>Show more</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="149"/>
        <source>延期申请</source>
        <translation>Extension requests</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="161"/>
        <source>申请延期…</source>
        <translation>Ask for extension…</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="162"/>
        <source>申请协办…</source>
        <translation>Ask for co-handling…</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="163"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="190"/>
        <source>在待办中选择一个案件查看详情</source>
        <translation>Select a case in the inbox to see its details</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="249"/>
        <source>%1 · 部门待办</source>
        <translation>%1 · Department inbox</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="275"/>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="276"/>
        <source>未批准</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="277"/>
        <source>待审批</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="279"/>
        <source>延长 %1 个工作日</source>
        <translation>%1 more working days</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="281"/>
        <source>延至 %1</source>
        <translation>Until %1</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="298"/>
        <source>在办 %1 · 超期 %2 · 被督办 %3 · 近30天结案 %4（其中按期 %5）· 退单 %6</source>
        <translation>Open %1 · overdue %2 · urged %3 · closed in 30 days %4 (%5 on time) · returned %6</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="421"/>
        <source>案件 %1：已提交延期申请，等待值班长审批</source>
        <translation>Case %1: extension requested, waiting for the shift lead</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/inbox_page.py" line="452"/>
        <source>案件 %1：已提交协办申请，等待中心决定</source>
        <translation>Case %1: co-handling requested, waiting for the centre</translation>
    </message>
</context>
<context>
    <name>IntroPage</name>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="134"/>
        <source>欢迎使用网格指挥调度台</source>
        <translation>Welcome to GridDesk</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="136"/>
        <source>这个数据库还没有街道、社区和网格，案件还无法落到网格上。请先把本中心的基本情况填进一个 Excel 模板，再导入进来。</source>
        <translation>This database has no street, communities or grids yet, so cases cannot be placed in a grid. Fill in your center’s basic data in an Excel template, then import it.</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="140"/>
        <source>从模板导入街道、社区、网格和部门</source>
        <translation>Import street, communities, grids and departments from the template</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="142"/>
        <source>用同一个 Excel 模板更新本中心的基础数据：已有的编码会被更新，新的编码会被添加，不会重复。模板里没有的社区、网格和部门保持不变。</source>
        <translation>Update your center’s master data with the same Excel template: existing codes are updated, new codes added, nothing duplicated. Communities, grids and departments not in the template stay as they are.</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="146"/>
        <source>第 1 步，共 4 步：要准备什么</source>
        <translation>Step 1 of 4: what to prepare</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="147"/>
        <source>模板的四个工作表（每个都有一行示例，导入时跳过）</source>
        <translation>The template’s four sheets (each has an example row, skipped on import)</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="153"/>
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="155"/>
        <source>只填一行：填报单位（报表上显示的中心名称）、区县编码和名称、街道编码和名称</source>
        <translation>One row only: reporting unit (the center’s name on returns), district code and name, street code and name</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="158"/>
        <source>社区</source>
        <translation>Communities</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="158"/>
        <source>每个社区（村）一行：12 位社区编码、名称、常住人口、户数</source>
        <translation>One row per community (village): 12-digit community code, name, residents, households</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="160"/>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="162"/>
        <source>每个单元网格一行：14 或 15 位编码（以所属社区编码开头）、名称、所属社区编码、常住人口、户数、四至范围</source>
        <translation>One row per unit grid: 14- or 15-digit code (starting with its community’s code), name, community code, residents, households, boundaries</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="166"/>
        <source>部门</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="166"/>
        <source>每个部门一行：名称、类型、联系人、联系电话</source>
        <translation>One row per department: name, kind, contact person, phone</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="172"/>
        <source>导入前会检查全部内容，列出每一处问题（工作表、行、列）；有问题时不写入任何数据。以后可以在“设置 → 基础数据”中修改，或再次从模板导入。</source>
        <translation>Everything is checked before importing and every problem is listed (sheet, row, column); while there are problems nothing is written. You can change it all later in “Settings → Master data”, or import the template again.</translation>
    </message>
</context>
<context>
    <name>KeywordsForm</name>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="194"/>
        <source>小类 %1 的名称与关键词</source>
        <translation>Name and keywords of minor class %1</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="201"/>
        <source>用逗号、顿号或换行分隔，如：井盖、马葫芦、窨井盖</source>
        <translation>Separate with commas or line breaks, e.g. 井盖, 马葫芦, 窨井盖</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="206"/>
        <source>改名后，已有案件也显示新名称。关键词是群众常用的说法和同义词，受理时据此推荐类别。</source>
        <translation>After a rename, existing cases show the new name too. Keywords are callers&apos; words and synonyms; intake suggests the class from them.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="212"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="213"/>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="71"/>
        <source>网格指挥调度台 — %1</source>
        <translation>GridDesk — %1</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="89"/>
        <source>调度台</source>
        <translation>Desk</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="90"/>
        <source>人员</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="91"/>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="92"/>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="83"/>
        <location filename="../../desktop/shell/main_window.py" line="93"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="83"/>
        <source>待办</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="157"/>
        <source>正在读取数据库…</source>
        <translation>Working on the database…</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="165"/>
        <source>交接班…</source>
        <translation>Hand over shift…</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="165"/>
        <source>切换用户…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="169"/>
        <source>交班给下一位调度员，不关闭窗口</source>
        <translation>Hand the desk over to the next dispatcher without closing the window</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="169"/>
        <source>换一个账号登录</source>
        <translation>Sign in with another account</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="222"/>
        <source>数据库：本机 SQLite</source>
        <translation>Database: local SQLite</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="224"/>
        <source>数据库：PostgreSQL %1</source>
        <translation>Database: PostgreSQL %1</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="228"/>
        <source>实时：已连接</source>
        <translation>Live: connected</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="229"/>
        <source>实时：连接中…</source>
        <translation>Live: connecting…</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="230"/>
        <source>实时：重连中…</source>
        <translation>Live: reconnecting…</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="231"/>
        <source>实时：未连接</source>
        <translation>Live: off</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="350"/>
        <source>已从备份恢复</source>
        <translation>Restored from backup</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/main_window.py" line="351"/>
        <source>数据库已从备份恢复。GridDesk 将关闭，请重新启动后继续工作。</source>
        <translation>The database has been restored from the backup. GridDesk will close; start it again to continue.</translation>
    </message>
</context>
<context>
    <name>MasterDataDialog</name>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="65"/>
        <source>基础数据</source>
        <translation>Master data</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="75"/>
        <source>添加部门…</source>
        <translation>Add department…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="76"/>
        <location filename="../../desktop/admin/master_data_dialog.py" line="78"/>
        <location filename="../../desktop/admin/master_data_dialog.py" line="79"/>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="77"/>
        <source>停用 / 启用</source>
        <translation>Disable / enable</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="80"/>
        <source>添加网格…</source>
        <translation>Add grid…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="101"/>
        <source>部门</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="106"/>
        <source>案件类别</source>
        <translation>Case categories</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="115"/>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="121"/>
        <source>社区</source>
        <translation>Communities</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="127"/>
        <source>地名地址</source>
        <translation>Gazetteer</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="160"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="167"/>
        <source>只有管理员可以维护基础数据。</source>
        <translation>Only administrators can maintain master data.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="257"/>
        <location filename="../../desktop/admin/master_data_dialog.py" line="294"/>
        <source>请先选择一个部门</source>
        <translation>Select a department first</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="263"/>
        <source>已添加部门「%1」</source>
        <translation>Department “%1” added</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="282"/>
        <source>部门「%1」已保存</source>
        <translation>Department “%1” saved</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="297"/>
        <source>部门「%1」已启用</source>
        <translation>Department “%1” enabled</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="297"/>
        <source>部门「%1」已停用</source>
        <translation>Department “%1” disabled</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="311"/>
        <source>请先选择一个案件类别</source>
        <translation>Select a case category first</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="321"/>
        <source>案件类别 %1 %2 已保存；新时限从下一次流转开始使用</source>
        <translation>Case category %1 %2 saved; new limits apply from the next transition</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="335"/>
        <source>请先选择一个网格</source>
        <translation>Select a grid first</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="354"/>
        <source>网格 %1 已保存</source>
        <translation>Grid %1 saved</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_dialog.py" line="366"/>
        <source>已添加网格 %1 %2</source>
        <translation>Grid %1 %2 added</translation>
    </message>
</context>
<context>
    <name>MasterDataForm</name>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="37"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/master_data_forms.py" line="39"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="190"/>
        <source>联席会议</source>
        <translation>Joint meeting</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="201"/>
        <source>会议日期</source>
        <translation>Meeting date</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="207"/>
        <source>参会部门</source>
        <translation>Attending departments</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="209"/>
        <source>可选：会议纪要</source>
        <translation>Optional: minutes</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="210"/>
        <source>纪要</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="212"/>
        <source>待上会案件（选中一件，给出决定）</source>
        <translation>Cases awaiting the meeting (select one, give the decision)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="231"/>
        <source>决定内容（可选）</source>
        <translation>Decision (optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="232"/>
        <source>加入决定</source>
        <translation>Add decision</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="234"/>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="236"/>
        <source>新期限</source>
        <translation>New deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="241"/>
        <source>会议决定</source>
        <translation>Decisions</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="258"/>
        <source>记录会议</source>
        <translation>Record meeting</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="259"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="278"/>
        <source>目前没有上报联席会议待决定的案件。</source>
        <translation>No cases are waiting for the joint meeting.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="303"/>
        <source>请先在待上会案件中选中一件。</source>
        <translation>Select a case awaiting the meeting first.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="308"/>
        <source>请选择承办部门。</source>
        <translation>Please choose the department.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="324"/>
        <source>请至少为一件案件给出决定。</source>
        <translation>Give a decision for at least one case.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/escalation_dialogs.py" line="332"/>
        <source>联席会议已记录：%1 件案件按决定重新派遣</source>
        <translation>Joint meeting recorded: %1 cases re-dispatched as decided</translation>
    </message>
</context>
<context>
    <name>NewCategoryForm</name>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="66"/>
        <source>新增小类</source>
        <translation>New minor class</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="72"/>
        <source>（新增大类…）</source>
        <translation>(new major class…)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="76"/>
        <source>事件 01–49，部件 50–99</source>
        <translation>events 01–49, parts 50–99</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="79"/>
        <source>事件</source>
        <translation>event</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="79"/>
        <source>部件</source>
        <translation>part</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="88"/>
        <source>大类编码 + 2 位序号，如 0710</source>
        <translation>major class code + 2-digit number, e.g. 0710</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="94"/>
        <source>（无默认部门）</source>
        <translation>(no default department)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="105"/>
        <source>工作时（只计工作日的工作时间）</source>
        <translation>working time (only working hours of working days)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="106"/>
        <source>自然时（昼夜连续计时）</source>
        <translation>natural time (round the clock)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="107"/>
        <source>紧急类别</source>
        <translation>urgent class</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="112"/>
        <source>群众常用的说法，用逗号或顿号分隔，如：井盖、马葫芦</source>
        <translation>callers&apos; words, separated by commas, e.g. 井盖, 马葫芦</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="116"/>
        <source>小类编码为 4 位：前 2 位是大类编码。时限以小时计（可写 0.5）。关键词用于受理时推荐类别。</source>
        <translation>A minor class code has 4 digits, the first 2 being the major class code. Limits are in hours (0.5 is allowed). Keywords are used to suggest the class at intake.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="123"/>
        <source>大类</source>
        <translation>Major class</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="124"/>
        <source>新大类编码</source>
        <translation>New major class code</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="125"/>
        <source>新大类类型</source>
        <translation>New major class kind</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="126"/>
        <source>新大类名称</source>
        <translation>New major class name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="127"/>
        <source>小类编码</source>
        <translation>Minor class code</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="128"/>
        <source>小类名称</source>
        <translation>Minor class name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="129"/>
        <source>默认部门</source>
        <translation>Default department</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="130"/>
        <source>派遣时限（小时）</source>
        <translation>Dispatch limit (hours)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="131"/>
        <source>处置时限（小时）</source>
        <translation>Handling limit (hours)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="132"/>
        <source>核查时限（小时）</source>
        <translation>Verification limit (hours)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="133"/>
        <source>计时方式</source>
        <translation>Time basis</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/catalogue_forms.py" line="135"/>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
</context>
<context>
    <name>NotesSection</name>
    <message>
        <location filename="../../desktop/cases/case_notes.py" line="139"/>
        <source>还没有备注。备注只在调度台内部可见，不进入报表。</source>
        <translation>No notes yet. Notes are internal to the center and never go into returns.</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_notes.py" line="146"/>
        <source>添加内部备注…（Ctrl+Enter 保存）</source>
        <translation>Add an internal note… (Ctrl+Enter saves)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_notes.py" line="149"/>
        <source>添加备注</source>
        <translation>Add note</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_notes.py" line="153"/>
        <source>记录电话…</source>
        <translation>Log call…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_notes.py" line="208"/>
        <source>案件 %1：%2已保存</source>
        <translation>Case %1: %2 saved</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/case_notes.py" line="218"/>
        <source>未保存</source>
        <translation>Not saved</translation>
    </message>
</context>
<context>
    <name>PayTab</name>
    <message>
        <location filename="../../desktop/people/standards_tabs.py" line="134"/>
        <source>社区工作者“3档38级”薪酬标准（元/月）。双击金额即可修改，修改记入变更记录。</source>
        <translation>Community worker pay scale of “3 tiers, 38 levels” (CNY/month). Double-click an amount to change it; changes are recorded in the history.</translation>
    </message>
</context>
<context>
    <name>PendingModel</name>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="70"/>
        <source>来电时间</source>
        <translation>Call time</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="71"/>
        <source>工单编号</source>
        <translation>Work order</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="72"/>
        <source>事发地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="73"/>
        <source>待定位原因</source>
        <translation>Why pending</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="82"/>
        <source>（无地址）</source>
        <translation>(no address)</translation>
    </message>
</context>
<context>
    <name>PendingTray</name>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="140"/>
        <source>待定位工单</source>
        <translation>Orders to place</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="158"/>
        <source>待定位中没有工单</source>
        <translation>No orders to place</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="197"/>
        <source>确认立案 (Ctrl+Enter)</source>
        <translation>Confirm as case (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="200"/>
        <source>作废… (Ctrl+Delete)</source>
        <translation>Drop… (Ctrl+Delete)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="208"/>
        <source>诉求内容</source>
        <translation>Caller&apos;s words</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="209"/>
        <source>事发地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="210"/>
        <source>来电</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="211"/>
        <source>待定位原因</source>
        <translation>Why pending</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="212"/>
        <source>网格建议 (Alt+1–3)</source>
        <translation>Suggested grids (Alt+1–3)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="213"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="214"/>
        <source>小类建议 (Ctrl+1–3)</source>
        <translation>Suggested categories (Ctrl+1–3)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="215"/>
        <source>小类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="319"/>
        <source>（无地址）</source>
        <translation>(no address)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="327"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="328"/>
        <source>办理时限 %1 个工作日</source>
        <translation>Limit %1 working days</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="336"/>
        <source>地址无法定位到任何网格</source>
        <translation>The address fits no grid</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="337"/>
        <source>没有小类建议</source>
        <translation>No category suggested</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="394"/>
        <source>请先选定网格和小类</source>
        <translation>Pick a grid and a category first</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="404"/>
        <source>工单 %1 已立为案件 %2（待立案）</source>
        <translation>Order %1 is now case %2 (to register)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="420"/>
        <source>作废待定位工单</source>
        <translation>Drop order</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="422"/>
        <source>作废工单 %1 的原因（如 重复来电、非本街道）：</source>
        <translation>Why drop order %1 (e.g. repeated call, not our street):</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="439"/>
        <source>工单 %1 已作废</source>
        <translation>Order %1 dropped</translation>
    </message>
</context>
<context>
    <name>PendingTrayButton</name>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="96"/>
        <source>12345 工单中网格或小类不确定、等待确认的工单</source>
        <translation>12345 orders whose grid or category is uncertain, waiting for confirmation</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pending_tray.py" line="113"/>
        <source>待定位 (%1)</source>
        <translation>To place (%1)</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <location filename="../../desktop/people/people_models.py" line="73"/>
        <source>网格编码</source>
        <translation>Grid code</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="74"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="75"/>
        <location filename="../../desktop/people/people_models.py" line="95"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="76"/>
        <source>缺少</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="96"/>
        <source>常住人口</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="97"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="98"/>
        <source>在岗社区工作者</source>
        <translation>Community workers in post</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="99"/>
        <source>每万人配备</source>
        <translation>Per 10,000 residents</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="100"/>
        <source>按人口应配</source>
        <translation>Required by population</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="101"/>
        <source>每人服务户数</source>
        <translation>Households per worker</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="102"/>
        <source>按户数应配</source>
        <translation>Required by households</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="103"/>
        <source>应配（取大者）</source>
        <translation>Required (the larger)</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="104"/>
        <source>缺口（人）</source>
        <translation>Shortfall (people)</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="130"/>
        <source>{name}（合计）</source>
        <translation>{name} (total)</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="143"/>
        <source>缺 {n} 人</source>
        <translation>{n} short</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="145"/>
        <source>达标</source>
        <translation>Meets standard</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="165"/>
        <source>省定标准：每万名城镇常住人口不少于 {n} 名社区工作者</source>
        <translation>Provincial standard: at least {n} community workers per 10,000 urban residents</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="169"/>
        <source>本地标准：每 {n} 户配备 1 名社区工作者</source>
        <translation>Local standard: one community worker per {n} households</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="183"/>
        <source>一档（元/月）</source>
        <translation>Tier 1 (CNY/month)</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="184"/>
        <source>二档（元/月）</source>
        <translation>Tier 2 (CNY/month)</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="185"/>
        <source>三档（元/月）</source>
        <translation>Tier 3 (CNY/month)</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="207"/>
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_models.py" line="221"/>
        <source>{n} 级</source>
        <translation>Level {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_page.py" line="31"/>
        <source>配备标准</source>
        <translation>Staffing standard</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_page.py" line="32"/>
        <source>薪酬标准</source>
        <translation>Pay scale</translation>
    </message>
    <message>
        <location filename="../../desktop/people/people_page.py" line="36"/>
        <source>当前账号无权查看人员花名册</source>
        <translation>This account may not see the rosters</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../desktop/cases/photo_viewer.py" line="52"/>
        <source>上一张</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/photo_viewer.py" line="53"/>
        <source>下一张</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/photo_viewer.py" line="54"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/photo_viewer.py" line="76"/>
        <source>照片 %1/%2</source>
        <translation>Photo %1/%2</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/photo_viewer.py" line="81"/>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/photo_viewer.py" line="96"/>
        <source>无法显示这张照片</source>
        <translation>This photo cannot be shown</translation>
    </message>
</context>
<context>
    <name>PickerDialog</name>
    <message>
        <location filename="../../desktop/intake/pickers.py" line="67"/>
        <source>输入名称、编码或拼音首字母（如 jg）</source>
        <translation>Type a name, code or pinyin initials (e.g. jg)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pickers.py" line="80"/>
        <source>选定</source>
        <translation>Choose</translation>
    </message>
    <message>
        <location filename="../../desktop/intake/pickers.py" line="81"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PlotItem</name>
    <message>
        <location filename="../../desktop/stats/chart_base.py" line="227"/>
        <source>Transforms</source>
        <translation>Transforms</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_base.py" line="228"/>
        <source>Downsample</source>
        <translation>Downsample</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_base.py" line="229"/>
        <source>Average</source>
        <translation>Average</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_base.py" line="230"/>
        <source>Alpha</source>
        <translation>Alpha</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_base.py" line="231"/>
        <source>Grid</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_base.py" line="232"/>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_base.py" line="234"/>
        <source>Plot Options</source>
        <translation>Plot Options</translation>
    </message>
</context>
<context>
    <name>ProblemModel</name>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="46"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="47"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../desktop/people/import_wizard.py" line="48"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>QueueFilterBar</name>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="64"/>
        <source>全部社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="65"/>
        <location filename="../../desktop/desk/queue_filters.py" line="200"/>
        <source>全部网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="66"/>
        <source>全部类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="67"/>
        <source>全部部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="68"/>
        <source>全部来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="71"/>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="72"/>
        <source>仅紧急</source>
        <translation>Urgent only</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="73"/>
        <source>非紧急</source>
        <translation>Not urgent</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="74"/>
        <source>只看预警/超期</source>
        <translation>Warning/overdue only</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="76"/>
        <source>搜索 编号/地址/类别/拼音首字母</source>
        <translation>No., address, category, pinyin</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="80"/>
        <source>按编号、地址、描述，或类别、部门、社区、网格的名称查找；名称也可用拼音首字母（jg → 井盖）或全拼</source>
        <translation>Find by number, address or description, or by the name of a category, department, community or grid; names also by pinyin initials (jg → 井盖) or full pinyin</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="102"/>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="104"/>
        <source>清除全部筛选条件，显示本页签的全部案件</source>
        <translation>Clear every filter and show all cases of this tab</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="118"/>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="159"/>
        <source>挂账</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="161"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="163"/>
        <source>（已筛选）</source>
        <translation> (filtered)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="362"/>
        <source>结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="362"/>
        <source>上报</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="367"/>
        <source>%1时间 %2 至 %3</source>
        <translation>%1 %2 to %3</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="370"/>
        <location filename="../../desktop/desk/queue_filters.py" line="441"/>
        <source>仅未结案</source>
        <translation>open only</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="371"/>
        <source>来自统计：</source>
        <translation>From statistics: </translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="437"/>
        <source>搜索「%1」</source>
        <translation>search “%1”</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="439"/>
        <source>统计时段</source>
        <translation>statistics period</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_filters.py" line="455"/>
        <source>已筛选：</source>
        <translation>Filtered: </translation>
    </message>
</context>
<context>
    <name>QueueHeaderLayout</name>
    <message>
        <location filename="../../desktop/desk/queue_header.py" line="149"/>
        <source>恢复默认列</source>
        <translation>Reset columns</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../desktop/desk/queue_columns.py" line="50"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_columns.py" line="51"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_columns.py" line="52"/>
        <source>社区/网格</source>
        <translation>Community/grid</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_columns.py" line="53"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_columns.py" line="54"/>
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_columns.py" line="55"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_columns.py" line="56"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_columns.py" line="57"/>
        <source>督办</source>
        <translation>Urged</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_columns.py" line="58"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_columns.py" line="59"/>
        <source>剩余时间</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_columns.py" line="107"/>
        <source>督×%1</source>
        <translation>Urged ×%1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_columns.py" line="108"/>
        <source>【疑似重复】</source>
        <translation>[Possible duplicate] </translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_model.py" line="404"/>
        <source>新紧急案件：%1</source>
        <translation>New urgent case: %1</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../desktop/desk/queue_view.py" line="413"/>
        <source>当前角色无权派遣案件</source>
        <translation>Your role may not dispatch cases</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_view.py" line="419"/>
        <source>派遣案件 %1</source>
        <translation>Dispatch case %1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_view.py" line="421"/>
        <source>派遣 %1 件案件</source>
        <translation>Dispatch %1 cases</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_view.py" line="493"/>
        <source>没有选中的案件：请先用 ↑↓ 在队列中选中案件，再按 %1（%2）。</source>
        <translation>No case selected: select cases in the queue with ↑↓, then press %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_view.py" line="500"/>
        <source>%1无权执行「%2」。</source>
        <translation>%1 may not “%2”.</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_view.py" line="508"/>
        <source>「%1」不适用于案件 %2（%3）。</source>
        <translation>“%1” does not apply to case %2 (%3).</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_view.py" line="515"/>
        <source>「%1」一次只能处理一件案件，请只选中一件。</source>
        <translation>“%1” works on one case at a time; select only one.</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_view.py" line="570"/>
        <source>「%1」已完成：%2</source>
        <translation>“%1” done: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_view.py" line="585"/>
        <source>查重比较：请在队列中只选中一件案件。</source>
        <translation>Duplicate check: select exactly one case in the queue.</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_view.py" line="619"/>
        <source>没有适用于所选案件的操作</source>
        <translation>No action applies to the selected cases</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_view.py" line="651"/>
        <source>转到案件</source>
        <translation>Go to case</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_view.py" line="652"/>
        <source>案件编号：</source>
        <translation>Case number:</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_view.py" line="653"/>
        <source>转到</source>
        <translation>Go</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_view.py" line="654"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_view.py" line="698"/>
        <source>已清除筛选，以便在列表中选中案件 %1</source>
        <translation>Filters cleared to select case %1 in the list</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/queue_view.py" line="706"/>
        <source>案件 %1 不在当前筛选结果中，已在右侧显示；清除筛选后可在列表中看到。</source>
        <translation>Case %1 is not among the filtered rows; it is shown on the right. Clear the filters to see it in the list.</translation>
    </message>
</context>
<context>
    <name>ReporterCallbacks</name>
    <message>
        <location filename="../../desktop/cases/reporter_callbacks.py" line="56"/>
        <source>记录回访</source>
        <translation>Record callback</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="128"/>
        <source>案件报表</source>
        <translation>Case returns</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="129"/>
        <source>人员花名册</source>
        <translation>Rosters</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="130"/>
        <source>配备情况</source>
        <translation>Staffing</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="154"/>
        <source>月报</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="155"/>
        <source>季报</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="156"/>
        <source>年报</source>
        <translation>Yearly</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="162"/>
        <source> 年</source>
        <translation> </translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="166"/>
        <location filename="../../desktop/returns/reports_page.py" line="292"/>
        <source>全街道</source>
        <translation>Whole street</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="167"/>
        <source>导出完整身份证号和电话（不脱敏）</source>
        <translation>Export full ID numbers and phones (unmasked)</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="168"/>
        <source>导出后打开所在文件夹</source>
        <translation>Open the folder after export</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="170"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="171"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="174"/>
        <source>当前角色无权导出报表</source>
        <translation>This role may not export returns</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="175"/>
        <source>取消导出</source>
        <translation>Cancel export</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="177"/>
        <source>打开所在文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="180"/>
        <source>12345 办结回复…</source>
        <translation>12345 replies…</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="183"/>
        <source>导出所选期间内办结的 12345 工单的办结回复，供回传热线系统</source>
        <translation>Export the replies for 12345 orders closed in the chosen period, to send back to the hotline</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="192"/>
        <source>已写入 %v / %m 行</source>
        <translation>%v / %m rows written</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="208"/>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="209"/>
        <source>统计范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="220"/>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="268"/>
        <source>{0} 月</source>
        <translation>Month {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="271"/>
        <source>第{0}季度</source>
        <translation>Q{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="294"/>
        <source>社区：</source>
        <translation>Community: </translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="296"/>
        <source>部门：</source>
        <translation>Department: </translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="325"/>
        <source>点击“预览”查看{0}</source>
        <translation>Click “Preview” to see {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="353"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="390"/>
        <source>{0}&#x3000;{1}&#x3000;共 {2} 行</source>
        <translation>{0}   {1}   {2} rows</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="392"/>
        <source>（预览前 {0} 行，导出包含全部）</source>
        <translation>(first {0} rows previewed; the export has all)</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="413"/>
        <source>导出报表</source>
        <translation>Export return</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="415"/>
        <location filename="../../desktop/returns/reports_page.py" line="428"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="426"/>
        <source>导出 12345 办结回复</source>
        <translation>Export 12345 replies</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="449"/>
        <source>已导出办结回复 %1 件：%2</source>
        <translation>Exported %1 replies: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="475"/>
        <source>正在导出到 {0}…</source>
        <translation>Exporting to {0}…</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="494"/>
        <source>正在写入文件，无法取消</source>
        <translation>Writing the file; it can no longer be cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="497"/>
        <source>已取消导出</source>
        <translation>Export cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/reports_page.py" line="521"/>
        <source>已导出：{0}</source>
        <translation>Exported: {0}</translation>
    </message>
</context>
<context>
    <name>RetireDialog</name>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="224"/>
        <source>离任</source>
        <translation>Leave post</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="229"/>
        <source>例如 调离、退休、任期届满</source>
        <translation>e.g. transferred, retired, term ended</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="231"/>
        <source>离任日期</source>
        <translation>Leaving date</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="232"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="241"/>
        <source>确认离任</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="242"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_dialogs.py" line="246"/>
        <source>离任后该记录保留在名册历史中，不再计入在岗人数。</source>
        <translation>After leaving, the entry stays in the roster history and no longer counts as serving.</translation>
    </message>
</context>
<context>
    <name>Returns</name>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="15"/>
        <source>案件办理情况月报</source>
        <translation>Case handling report</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="16"/>
        <source>部门绩效考核表</source>
        <translation>Department performance</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="17"/>
        <source>案件类别分析表</source>
        <translation>Case category analysis</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="18"/>
        <source>案件明细表</source>
        <translation>Case details</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="19"/>
        <source>社区工作者花名册</source>
        <translation>Community workers roster</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="20"/>
        <source>网格长网格员花名册</source>
        <translation>Grid leaders and workers roster</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="21"/>
        <source>第一书记花名册</source>
        <translation>First secretaries roster</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="22"/>
        <source>导师帮带花名册</source>
        <translation>Mentoring roster</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="23"/>
        <source>下沉干部花名册</source>
        <translation>Sent-down cadres roster</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="24"/>
        <source>党员报到花名册</source>
        <translation>Party-member check-in roster</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="25"/>
        <source>社区工作者配备情况表</source>
        <translation>Community worker staffing</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="30"/>
        <source>按社区</source>
        <translation>By community</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="31"/>
        <source>按网格</source>
        <translation>By grid</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="32"/>
        <source>每日走势</source>
        <translation>Daily trend</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="33"/>
        <source>部门绩效</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="34"/>
        <source>类别分析</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="35"/>
        <source>案件明细</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="36"/>
        <source>社区工作者</source>
        <translation>Community workers</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="37"/>
        <source>网格员网格长</source>
        <translation>Grid staff</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="38"/>
        <source>第一书记</source>
        <translation>First secretaries</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="39"/>
        <source>导师帮带</source>
        <translation>Mentoring</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="40"/>
        <source>下沉干部</source>
        <translation>Sent-down cadres</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="41"/>
        <source>党员报到</source>
        <translation>Party check-ins</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="42"/>
        <source>配备情况</source>
        <translation>Staffing</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="47"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="48"/>
        <source>立案派遣</source>
        <translation>Registered/dispatched</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="49"/>
        <source>立案数</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="50"/>
        <source>派遣数</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="51"/>
        <source>结案情况</source>
        <translation>Closure</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="52"/>
        <source>应结案数</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="53"/>
        <source>结案数</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="54"/>
        <source>按期结案数</source>
        <translation>Closed on time</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="55"/>
        <source>结案率</source>
        <translation>Closure rate</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="56"/>
        <source>按期结案率</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="57"/>
        <source>超期数</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="58"/>
        <source>处置质量</source>
        <translation>Handling quality</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="59"/>
        <source>处置数</source>
        <translation>Handled</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="60"/>
        <source>返工数</source>
        <translation>Reworked</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="61"/>
        <source>返工率</source>
        <translation>Rework rate</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="62"/>
        <source>延期数</source>
        <translation>Extended</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="63"/>
        <source>挂账数</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="64"/>
        <source>平均处置时长（小时）</source>
        <translation>Avg. handling (h)</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="65"/>
        <source>未诉先办</source>
        <translation>Before complaint</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="66"/>
        <source>上报数</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="67"/>
        <source>巡查发现数</source>
        <translation>Found on patrol</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="68"/>
        <source>未诉先办占比</source>
        <translation>Share</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="69"/>
        <source>网格编码</source>
        <translation>Grid code</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="70"/>
        <source>网格名称</source>
        <translation>Grid name</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="71"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="72"/>
        <source>排名</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="73"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="74"/>
        <source>回访“三率”</source>
        <translation>Callback rates</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="75"/>
        <source>有效回访数</source>
        <translation>Valid callbacks</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="76"/>
        <source>联系上</source>
        <translation>Reached</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="77"/>
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="78"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="79"/>
        <source>基本满意</source>
        <translation>Mostly satisfied</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="80"/>
        <source>响应率</source>
        <translation>Response rate</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="81"/>
        <source>解决率</source>
        <translation>Resolution rate</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="82"/>
        <source>满意率</source>
        <translation>Satisfaction rate</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="83"/>
        <source>综合指数</source>
        <translation>Overall index</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="84"/>
        <source>协办（吹哨报到）</source>
        <translation>Co-handling</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="85"/>
        <source>协办件数</source>
        <translation>Co-handled</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="86"/>
        <source>协办应反馈数</source>
        <translation>Co-feedback due</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="87"/>
        <source>协办按期反馈数</source>
        <translation>Co-feedback on time</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="88"/>
        <source>协办按期率</source>
        <translation>Co on-time rate</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="89"/>
        <source>督办与上报</source>
        <translation>Urging and escalation</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="90"/>
        <source>督办件数</source>
        <translation>Urged</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="91"/>
        <source>督办已回复</source>
        <translation>Urgings replied</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="92"/>
        <source>督办回复率</source>
        <translation>Urging reply rate</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="93"/>
        <source>上报件数</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="94"/>
        <source>上报后办结</source>
        <translation>Closed after escalation</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="95"/>
        <source>上报未办结</source>
        <translation>Open after escalation</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="96"/>
        <source>代录件数</source>
        <translation>Entered by the center</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="97"/>
        <source>重复报告</source>
        <translation>Duplicate reports</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="98"/>
        <source>合并报告数</source>
        <translation>Reports merged</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="99"/>
        <source>大类</source>
        <translation>Major category</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="100"/>
        <source>小类编码</source>
        <translation>Category code</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="101"/>
        <source>小类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="102"/>
        <source>本期</source>
        <translation>This period</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="103"/>
        <source>环比</source>
        <translation>vs. previous</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="104"/>
        <source>增减</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="105"/>
        <source>增幅</source>
        <translation>Change %</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="106"/>
        <source>同比</source>
        <translation>vs. last year</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="107"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="108"/>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="109"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="110"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="111"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="112"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="113"/>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="114"/>
        <source>上报人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="115"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="116"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="117"/>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="118"/>
        <source>结案时间</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="119"/>
        <source>是否超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="120"/>
        <source>返工次数</source>
        <translation>Reworks</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="121"/>
        <source>延期次数</source>
        <translation>Extensions</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="122"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="123"/>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="124"/>
        <source>出生年月</source>
        <translation>Born</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="125"/>
        <source>政治面貌</source>
        <translation>Political status</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="126"/>
        <source>学历</source>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="127"/>
        <source>公民身份号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="128"/>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="129"/>
        <source>薪酬等级</source>
        <translation>Pay grade</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="130"/>
        <source>档</source>
        <translation>Tier</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="131"/>
        <source>级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="132"/>
        <source>月薪标准（元）</source>
        <translation>Monthly pay (yuan)</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="133"/>
        <source>任职时间</source>
        <translation>In post since</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="134"/>
        <source>任职届数</source>
        <translation>Terms</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="135"/>
        <source>荣誉</source>
        <translation>Honours</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="136"/>
        <source>职业发展</source>
        <translation>Career move</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="137"/>
        <source>职务</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="138"/>
        <source>任职日期</source>
        <translation>Since</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="139"/>
        <source>派驻层级</source>
        <translation>Post level</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="140"/>
        <source>派出单位</source>
        <translation>Sending unit</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="141"/>
        <source>任期</source>
        <translation>Term</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="142"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="143"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="144"/>
        <source>社区书记工作室</source>
        <translation>Secretary&apos;s studio</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="145"/>
        <source>导师</source>
        <translation>Mentor</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="146"/>
        <source>帮带对象</source>
        <translation>Apprentice</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="147"/>
        <source>帮带期间</source>
        <translation>Mentoring period</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="148"/>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="149"/>
        <source>下沉期间</source>
        <translation>Sent-down period</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="150"/>
        <source>计划结束</source>
        <translation>Planned end</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="151"/>
        <source>所在单位党组织</source>
        <translation>Party organisation</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="152"/>
        <source>报到日期</source>
        <translation>Check-in date</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="153"/>
        <source>参加服务活动</source>
        <translation>Service activities</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="154"/>
        <source>服务时长（小时）</source>
        <translation>Service hours</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="155"/>
        <source>社区编码</source>
        <translation>Community code</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="156"/>
        <source>常住人口</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="157"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="158"/>
        <source>配备标准</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="159"/>
        <source>应配备</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="160"/>
        <source>实有社区工作者</source>
        <translation>Workers in post</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="161"/>
        <source>缺口</source>
        <translation>Shortfall</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="162"/>
        <source>每万人配备</source>
        <translation>Per 10,000</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="163"/>
        <source>是否达标</source>
        <translation>Meets standard</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="170"/>
        <source>上期（{0}）</source>
        <translation>Previous ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="171"/>
        <source>去年同期（{0}）</source>
        <translation>Same period last year ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="174"/>
        <source>按人口应配（每万人{0}名）</source>
        <translation>By population ({0} per 10,000)</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="178"/>
        <source>按户数应配（每{0}户1名）</source>
        <translation>By households (1 per {0})</translation>
    </message>
    <message>
        <location filename="../../desktop/returns/return_labels.py" line="199"/>
        <source>{y}年{m}月</source>
        <translation>{y}-{m}</translation>
    </message>
</context>
<context>
    <name>RevealReason</name>
    <message>
        <location filename="../../desktop/common/reveal_reason.py" line="15"/>
        <source>查看完整信息</source>
        <translation>Show personal data</translation>
    </message>
    <message>
        <location filename="../../desktop/common/reveal_reason.py" line="17"/>
        <source>显示 %1 的完整号码，请填写原因（将记入审计日志）：</source>
        <translation>Why do you need the full numbers of %1? (recorded in the audit log)</translation>
    </message>
    <message>
        <location filename="../../desktop/common/reveal_reason.py" line="23"/>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../desktop/common/reveal_reason.py" line="24"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RosterFields</name>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="20"/>
        <source>上岗时间</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="21"/>
        <source>下沉时间</source>
        <translation>Sent down on</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="22"/>
        <source>下沉社区</source>
        <translation>Community served</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="23"/>
        <source>书记工作室</source>
        <translation>Secretary&apos;s studio</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="24"/>
        <source>任期开始</source>
        <translation>Term start</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="25"/>
        <source>任期结束</source>
        <translation>Term end</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="26"/>
        <source>任职层级</source>
        <translation>Post level</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="27"/>
        <source>任职届数</source>
        <translation>Terms served</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="28"/>
        <source>任职社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="29"/>
        <source>参加工作时间</source>
        <translation>Service start</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="30"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="31"/>
        <source>学历</source>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="32"/>
        <source>学员</source>
        <translation>Apprentice</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="33"/>
        <source>学员姓名</source>
        <translation>Apprentice name</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="34"/>
        <source>学员身份证号</source>
        <translation>Apprentice ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="35"/>
        <source>导师</source>
        <translation>Mentor</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="36"/>
        <source>导师姓名</source>
        <translation>Mentor name</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="37"/>
        <source>导师身份证号</source>
        <translation>Mentor ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="38"/>
        <source>届数</source>
        <translation>Terms</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="39"/>
        <source>帮带开始时间</source>
        <translation>Mentoring start</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="40"/>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="41"/>
        <source>所在党组织</source>
        <translation>Party organisation</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="42"/>
        <source>所在社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="43"/>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="44"/>
        <source>报到时间</source>
        <translation>Check-in date</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="45"/>
        <source>报到社区</source>
        <translation>Check-in community</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="46"/>
        <source>提醒</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="47"/>
        <source>政治面貌</source>
        <translation>Political status</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="48"/>
        <source>月薪（元）</source>
        <translation>Monthly pay (yuan)</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="49"/>
        <source>服务时长</source>
        <translation>Service hours</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="50"/>
        <source>服务时长（小时）</source>
        <translation>Service hours</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="51"/>
        <source>服务活动</source>
        <translation>Service activities</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="52"/>
        <source>档</source>
        <translation>Tier</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="53"/>
        <source>派出单位</source>
        <translation>Sending unit</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="54"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="55"/>
        <source>离岗时间</source>
        <translation>Left</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="56"/>
        <source>级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="57"/>
        <source>结束时间</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="58"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="59"/>
        <source>网格编码</source>
        <translation>Grid code</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="60"/>
        <source>职业发展</source>
        <translation>Career move</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="61"/>
        <source>职务</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="62"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="63"/>
        <source>荣誉</source>
        <translation>Honours</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="64"/>
        <source>计划结束时间</source>
        <translation>Planned end</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="65"/>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="66"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
</context>
<context>
    <name>RosterKinds</name>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="11"/>
        <source>社区工作者</source>
        <translation>Community workers</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="12"/>
        <source>网格员/网格长</source>
        <translation>Grid leaders and workers</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="13"/>
        <source>第一书记</source>
        <translation>First secretaries</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="14"/>
        <source>导师帮带</source>
        <translation>Mentoring</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="15"/>
        <source>下沉干部</source>
        <translation>Sent-down cadres</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_labels.py" line="16"/>
        <source>党员报到</source>
        <translation>Party-member check-ins</translation>
    </message>
</context>
<context>
    <name>RosterTab</name>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="88"/>
        <source>搜索姓名、身份证号或电话</source>
        <translation>Search name, ID number or phone</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="91"/>
        <location filename="../../desktop/people/roster_tab.py" line="194"/>
        <source>全部社区</source>
        <translation>All communities</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="93"/>
        <source>含已离任</source>
        <translation>Include former</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="94"/>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="95"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="96"/>
        <source>离任</source>
        <translation>Leave post</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="97"/>
        <source>变更记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="98"/>
        <source>显示完整号码</source>
        <translation>Show full number</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="99"/>
        <source>从 Excel 导入…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="227"/>
        <source>在册 {n} 人</source>
        <translation>{n} on the roster</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="229"/>
        <source>，{n} 人任期将满或已满</source>
        <translation>, {n} with a term ending or ended</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="235"/>
        <source>空缺网格：{n} 个（没有在岗网格长或网格员）</source>
        <translation>Vacant grids: {n} (no grid leader or grid worker in post)</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="237"/>
        <source>所有网格都有在岗的网格长和网格员</source>
        <translation>Every grid has a grid leader and a grid worker in post</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="339"/>
        <source>导师身份证号</source>
        <translation>Mentor ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="339"/>
        <source>学员身份证号</source>
        <translation>Apprentice ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="341"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="341"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/people/roster_tab.py" line="347"/>
        <source>{name}：{shown}（已记入审计日志）</source>
        <translation>{name}: {shown} (recorded in the audit log)</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="36"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="38"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="46"/>
        <source>全部案件</source>
        <translation>All cases</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="48"/>
        <source>紧急案件</source>
        <translation>Urgent cases</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="49"/>
        <source>一般案件</source>
        <translation>Ordinary cases</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="54"/>
        <source>区级平台</source>
        <translation>District platform</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="55"/>
        <source>联席会议</source>
        <translation>Joint meeting</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="61"/>
        <source>适用范围</source>
        <translation>Applies to</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="62"/>
        <source>预警提醒</source>
        <translation>Warning reminder</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="63"/>
        <source>到期督办</source>
        <translation>Urge at deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="64"/>
        <source>回复期限（工作日）</source>
        <translation>Reply within (working days)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="65"/>
        <source>超期上报（工作日）</source>
        <translation>Escalate after overdue (working days)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="66"/>
        <source>上报至</source>
        <translation>Escalate to</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="67"/>
        <source>上报时限（工作日）</source>
        <translation>Escalation time limit (working days)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="68"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/escalation_rules_dialog.py" line="80"/>
        <source>不上报</source>
        <translation>Never</translation>
    </message>
</context>
<context>
    <name>SavedViewsButton</name>
    <message>
        <location filename="../../desktop/desk/saved_views.py" line="80"/>
        <source>筛选方案</source>
        <translation>Views</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/saved_views.py" line="83"/>
        <source>保存、套用或删除一组筛选条件</source>
        <translation>Save, apply or delete a set of filters</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/saved_views.py" line="98"/>
        <source>保存当前筛选为…</source>
        <translation>Save current filters as…</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/saved_views.py" line="106"/>
        <source>删除方案</source>
        <translation>Delete view</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/saved_views.py" line="112"/>
        <source>（尚无保存的方案）</source>
        <translation>(no saved views)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/saved_views.py" line="117"/>
        <location filename="../../desktop/desk/saved_views.py" line="131"/>
        <source>保存筛选方案</source>
        <translation>Save view</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/saved_views.py" line="118"/>
        <source>方案名称（如“我的社区 紧急”）：</source>
        <translation>View name (e.g. “My community, urgent”):</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/saved_views.py" line="119"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/saved_views.py" line="120"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/saved_views.py" line="132"/>
        <source>方案名称不能为空，且不超过 %1 个字。</source>
        <translation>Enter a view name of at most %1 characters.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="86"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="90"/>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="99"/>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="100"/>
        <source>结构版本</source>
        <translation>Schema revision</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="101"/>
        <source>区划与目录</source>
        <translation>Geography and catalogue</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="102"/>
        <source>案件</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="103"/>
        <source>人员</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="106"/>
        <source>本机界面</source>
        <translation>This workstation</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="115"/>
        <source>更改在下次启动时生效。</source>
        <translation>Takes effect at the next start.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="117"/>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="120"/>
        <source>紧急案件警报（新上报、到预警时间、超期）时播放提示音</source>
        <translation>Play a sound on urgent-case alarms (new, warning time, overdue)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="125"/>
        <source>提示音</source>
        <translation>Sound</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="128"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="132"/>
        <source>%1 %2（%3）</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="138"/>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="142"/>
        <source>账号管理…</source>
        <translation>Manage accounts…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="146"/>
        <source>基础数据…</source>
        <translation>Master data…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="148"/>
        <source>部门、案件类别与时限、网格</source>
        <translation>Departments, case categories and time limits, grids</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="158"/>
        <source>当前用户</source>
        <translation>Signed in</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="163"/>
        <source>中心设置</source>
        <translation>Center settings</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="169"/>
        <source>时限用去这一比例时案件显示为预警（黄色），例如 0.8 表示用去 80%。</source>
        <translation>A case shows as a warning (amber) once this share of its time limit is used, e.g. 0.8 for 80%.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="173"/>
        <source>例如 08:30-12:00,13:00-17:30</source>
        <translation>e.g. 08:30-12:00,13:00-17:30</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="177"/>
        <source> 份</source>
        <translation> copies</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="180"/>
        <source>每天第一次启动时自动备份本机数据库，保留最近的这些份数。</source>
        <translation>The local database is backed up at the first start of each day; this many recent copies are kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="182"/>
        <source>保留照片中的拍摄位置（GPS）</source>
        <translation>Keep the location (GPS) in photos</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="185"/>
        <source>不勾选时，来电登记所附照片中的 GPS 位置信息在保存前去除。</source>
        <translation>When unchecked, the GPS location in photos attached to a call is removed before saving.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="187"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="192"/>
        <source>中心名称</source>
        <translation>Center name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="193"/>
        <source>预警比例</source>
        <translation>Warning share</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="194"/>
        <source>工作时间</source>
        <translation>Working hours</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="195"/>
        <source>自动备份保留</source>
        <translation>Automatic backups kept</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="196"/>
        <source>照片位置</source>
        <translation>Photo location</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="197"/>
        <source>节假日日历…</source>
        <translation>Holiday calendar…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="199"/>
        <source>各年的放假与调休上班日；工作时限按它计算</source>
        <translation>Each year&apos;s holidays and make-up working days; working-time limits count on it</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="201"/>
        <source>督办规则…</source>
        <translation>Escalation rules…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="203"/>
        <source>预警提醒、到期系统督办、超期上报的规则</source>
        <translation>Rules for warning reminders, system urging at the deadline and escalation when overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="208"/>
        <source>节假日</source>
        <translation>Holidays</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="212"/>
        <source>督办与上报</source>
        <translation>Urging and escalation</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="228"/>
        <source>只有管理员可以修改中心设置。</source>
        <translation>Only an administrator may change the center settings.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="231"/>
        <source>审计与备份</source>
        <translation>Audit and backup</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="233"/>
        <source>审计日志…</source>
        <translation>Audit log…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="236"/>
        <source>查看所有操作记录并校验哈希链</source>
        <translation>View every recorded action and verify the hash chain</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="241"/>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="242"/>
        <source>立即备份…</source>
        <translation>Back up now…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="244"/>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="246"/>
        <source>打开备份文件夹</source>
        <translation>Open backup folder</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="259"/>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="262"/>
        <source>每天第一次启动时自动备份到 %1；升级数据库结构前和恢复前也会先备份。</source>
        <translation>Backed up automatically to %1 at the first start of each day, and before every schema upgrade and restore.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="335"/>
        <source>（未知）</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="337"/>
        <source>社区 %1 个，网格 %2 个，部门 %3 个，类别 %4 个</source>
        <translation>%1 communities, %2 grids, %3 departments, %4 categories</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="344"/>
        <source>共 %1 件</source>
        <translation>%1 in total</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="346"/>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="346"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="348"/>
        <source>%1 人次</source>
        <translation>%1 role holders</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="369"/>
        <source>预警比例应是 0 与 1 之间的数，例如 0.8。</source>
        <translation>The warning share must be a number between 0 and 1, e.g. 0.8.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="380"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="394"/>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="430"/>
        <source>备份数据库</source>
        <translation>Back up database</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="432"/>
        <source>GridDesk 备份 (*.sqlite)</source>
        <translation>GridDesk backup (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="440"/>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="452"/>
        <source>已备份到 %1（%2 件案件，%3 MB），并已校验。</source>
        <translation>Backed up to %1 (%2 cases, %3 MB) and verified.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="474"/>
        <location filename="../../desktop/admin/settings_page.py" line="513"/>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="476"/>
        <source>GridDesk 备份 (*.sqlite);;所有文件 (*)</source>
        <translation>GridDesk backup (*.sqlite);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="486"/>
        <source>正在检查备份文件…</source>
        <translation>Checking the backup file…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="515"/>
        <source>用 %1（%2 件案件）替换当前数据库？
当前数据会先另存到备份文件夹，恢复后程序需要重新启动。</source>
        <translation>Replace the current database with %1 (%2 cases)?
The current data is saved to the backup folder first; GridDesk must restart after the restore.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="526"/>
        <source>正在恢复…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/settings_page.py" line="536"/>
        <source>已从 %1 恢复（%2 件案件）。请重新启动 GridDesk。</source>
        <translation>Restored from %1 (%2 cases). Please restart GridDesk.</translation>
    </message>
</context>
<context>
    <name>SetupFiles</name>
    <message>
        <location filename="../../desktop/setup/template_files.py" line="12"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/template_files.py" line="17"/>
        <source>建街模板.xlsx</source>
        <translation>setup-template.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/template_files.py" line="20"/>
        <source>写出建街模板</source>
        <translation>Write setup template</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/template_files.py" line="34"/>
        <source>选择填好的建街模板</source>
        <translation>Choose the filled setup template</translation>
    </message>
</context>
<context>
    <name>SetupProblemsModel</name>
    <message>
        <location filename="../../desktop/setup/problems_model.py" line="17"/>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/problems_model.py" line="18"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/problems_model.py" line="19"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/problems_model.py" line="20"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="49"/>
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="50"/>
        <source>社区</source>
        <translation>Communities</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="51"/>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="52"/>
        <source>部门</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="62"/>
        <source>%1 %2 个</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="67"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="68"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="536"/>
        <source>首次设置 — 网格指挥调度台</source>
        <translation>First-start setup — GridDesk</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="536"/>
        <source>从模板导入基础数据</source>
        <translation>Import master data from the template</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="543"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="544"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="545"/>
        <source>写入数据库</source>
        <translation>Write to the database</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="546"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="547"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ShiftSession</name>
    <message>
        <location filename="../../desktop/shell/handover.py" line="333"/>
        <source>交接班：接班人登录</source>
        <translation>Handover: the next dispatcher signs in</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="333"/>
        <source>切换用户</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/handover.py" line="349"/>
        <source>仍为 %1，未交班</source>
        <translation>Still %1; nothing handed over</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../desktop/desk/shortcut_sheet.py" line="33"/>
        <source>调度台快捷键</source>
        <translation>Desk shortcuts</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/shortcut_sheet.py" line="36"/>
        <source>案件操作（作用于队列中选中的案件）</source>
        <translation>Case actions (on the cases selected in the queue)</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/shortcut_sheet.py" line="37"/>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/shortcut_sheet.py" line="38"/>
        <source>调度台</source>
        <translation>Desk</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/shortcut_sheet.py" line="48"/>
        <source>当前角色不可用</source>
        <translation>not for your role</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/shortcut_sheet.py" line="52"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/shortcut_sheet.py" line="52"/>
        <source>快捷键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/shortcut_sheet.py" line="52"/>
        <source>适用状态</source>
        <translation>Valid in</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/shortcut_sheet.py" line="76"/>
        <source>右键菜单只列出对所选案件状态和您的角色有效的操作。</source>
        <translation>The context menu lists only the actions valid for the selected cases&apos; states and your role.</translation>
    </message>
    <message>
        <location filename="../../desktop/desk/shortcut_sheet.py" line="79"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="45"/>
        <source>登录 — 网格指挥调度台</source>
        <translation>Sign in — GridDesk</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="57"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="58"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="62"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="63"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="82"/>
        <source>演示数据库的账号：%1；密码均为 %2</source>
        <translation>Demo database accounts: %1; the password of each is %2</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="96"/>
        <source>请输入用户名和密码</source>
        <translation>Please enter user name and password</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="99"/>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/shell/sign_in.py" line="119"/>
        <source>登录失败：%1</source>
        <translation>Sign-in failed: %1</translation>
    </message>
</context>
<context>
    <name>SlipPrintDialog</name>
    <message>
        <location filename="../../desktop/cases/print_dialog.py" line="46"/>
        <source>派遣单</source>
        <translation>Dispatch slip</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/print_dialog.py" line="47"/>
        <source>督办单</source>
        <translation>Urging slip</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/print_dialog.py" line="48"/>
        <source>结案单</source>
        <translation>Closing slip</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/print_dialog.py" line="49"/>
        <source>全程记录</source>
        <translation>Full record</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/print_dialog.py" line="97"/>
        <source>打印单据 — 案件 %1</source>
        <translation>Print a slip — case %1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/print_dialog.py" line="121"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/print_dialog.py" line="123"/>
        <source>保存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/print_dialog.py" line="125"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/print_dialog.py" line="166"/>
        <source>正在生成…</source>
        <translation>Rendering…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/print_dialog.py" line="195"/>
        <source>共 %1 页，A4</source>
        <translation>%1 page(s), A4</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/print_dialog.py" line="205"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/print_dialog.py" line="220"/>
        <source>无法开始打印：请检查打印机</source>
        <translation>Cannot start printing: check the printer</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/print_dialog.py" line="232"/>
        <source>已送往打印机，已记入审计日志</source>
        <translation>Sent to the printer; recorded in the audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/print_dialog.py" line="239"/>
        <source>保存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/print_dialog.py" line="241"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/print_dialog.py" line="247"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/print_dialog.py" line="254"/>
        <source>已保存到 %1，已记入审计日志</source>
        <translation>Saved to %1; recorded in the audit log</translation>
    </message>
</context>
<context>
    <name>StaffingTab</name>
    <message>
        <location filename="../../desktop/people/standards_tabs.py" line="89"/>
        <source>全街道在岗社区工作者 {w} 人，按标准应配 {n} 人</source>
        <translation>The street has {w} community workers in post; the standard asks for {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/people/standards_tabs.py" line="93"/>
        <source>，缺口 {n} 人</source>
        <translation>, {n} short</translation>
    </message>
    <message>
        <location filename="../../desktop/people/standards_tabs.py" line="95"/>
        <source>；{n} 个社区未达标</source>
        <translation>; {n} communities below the standard</translation>
    </message>
    <message>
        <location filename="../../desktop/people/standards_tabs.py" line="99"/>
        <source>标准：每万名常住人口不少于 {m} 名社区工作者；每 {h} 户配备 1 名。应配人数向上取整，缺口 = 应配人数（两项取大者）− 在岗人数。街道合计按全街道人口和户数计算。</source>
        <translation>Standard: at least {m} community workers per 10,000 residents, and 1 per {h} households. The required number is rounded up; shortfall = required (the larger of the two) − in post. The street total uses the whole street’s population and households.</translation>
    </message>
</context>
<context>
    <name>StatsCharts</name>
    <message>
        <location filename="../../desktop/stats/date_chart.py" line="24"/>
        <source>{y}年{m}月</source>
        <translation>{m}/{y}</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/date_chart.py" line="27"/>
        <source>{m}月{d}日</source>
        <translation>{m}/{d}</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/date_chart.py" line="180"/>
        <location filename="../../desktop/stats/date_chart.py" line="218"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/date_chart.py" line="216"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/date_chart.py" line="326"/>
        <source>今日截至 {t}</source>
        <translation>Today until {t}</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/date_chart.py" line="333"/>
        <source>（截至 {t}）</source>
        <translation> (until {t})</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_style.py" line="87"/>
        <source>{h:.1f} 小时</source>
        <translation>{h:.1f} h</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="87"/>
        <source>案件数（件）</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="89"/>
        <source>每日受理与结案</source>
        <translation>Received and closed per day</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="92"/>
        <source>在办案件（按大类）</source>
        <translation>Open cases by major category</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="93"/>
        <source>大类</source>
        <translation>Major category</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="99"/>
        <source>在办案件（按小类，前 15 位）</source>
        <translation>Open cases by category (top 15)</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="100"/>
        <source>小类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="106"/>
        <source>部门按期结案率排名</source>
        <translation>On-time closure by department</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="107"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="108"/>
        <source>按期结案率（%）</source>
        <translation>On-time closure rate (%)</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="115"/>
        <source>超期与预警案件（按社区）</source>
        <translation>Overdue and warning by community</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="116"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="122"/>
        <source>案件来源</source>
        <translation>Case sources</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="123"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="129"/>
        <source>平均处置时长趋势</source>
        <translation>Average handling time</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="130"/>
        <source>平均处置时长（小时）</source>
        <translation>Average handling time (hours)</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="196"/>
        <location filename="../../desktop/stats/chart_set.py" line="309"/>
        <source>受理</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="201"/>
        <source>结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="216"/>
        <location filename="../../desktop/stats/chart_set.py" line="228"/>
        <source>在办</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="235"/>
        <source>大类：{name}</source>
        <translation>Major category: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="251"/>
        <source>按期结案率</source>
        <translation>On-time closure rate</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="268"/>
        <source>应结案 {due} 件，按期结案 {ok} 件，未结 {late} 件</source>
        <translation>{due} due, {ok} closed on time, {late} not closed</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="282"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="288"/>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="300"/>
        <source>案件来源（未诉先办 {share:.1f}%）</source>
        <translation>Sources ({share:.1f}% proactive)</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="317"/>
        <source>占 {share:.1f}%</source>
        <translation>{share:.1f}%</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="321"/>
        <source>（未诉先办）</source>
        <translation>(proactive)</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/chart_set.py" line="337"/>
        <source>平均处置时长</source>
        <translation>Average handling time</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/key_figures.py" line="36"/>
        <source>今日受理</source>
        <translation>Received today</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/key_figures.py" line="37"/>
        <source>今日派遣</source>
        <translation>Dispatched today</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/key_figures.py" line="38"/>
        <source>今日结案</source>
        <translation>Closed today</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/key_figures.py" line="39"/>
        <source>当前超期</source>
        <translation>Overdue now</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/key_figures.py" line="40"/>
        <source>今日按期率</source>
        <translation>On time today</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <location filename="../../desktop/stats/stats_page.py" line="115"/>
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_page.py" line="116"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_page.py" line="117"/>
        <source>本年</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_page.py" line="118"/>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_page.py" line="132"/>
        <source>全部社区</source>
        <translation>All communities</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_page.py" line="133"/>
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_page.py" line="134"/>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="38"/>
        <location filename="../../desktop/stats/stats_export.py" line="49"/>
        <location filename="../../desktop/stats/stats_export.py" line="60"/>
        <location filename="../../desktop/stats/stats_page.py" line="140"/>
        <source>导出图表</source>
        <translation>Export chart</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="73"/>
        <location filename="../../desktop/stats/stats_export.py" line="84"/>
        <location filename="../../desktop/stats/stats_page.py" line="142"/>
        <source>导出 PDF 摘要</source>
        <translation>Export PDF summary</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_page.py" line="143"/>
        <source>大屏模式 (F11)</source>
        <translation>Wall display (F11)</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_page.py" line="150"/>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_page.py" line="165"/>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_page.py" line="181"/>
        <source>双击一行，在调度台打开该网格的在办案件</source>
        <translation>Double-click a row to open the grid&apos;s open cases on the desk</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_page.py" line="182"/>
        <source>网格在办案件密度（颜色越深，每千户在办案件越多）</source>
        <translation>Open cases per grid (darker = more open cases per 1000 households)</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_page.py" line="371"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_page.py" line="392"/>
        <source>统计失败</source>
        <translation>Statistics failed</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_page.py" line="404"/>
        <source>更新于 {time}</source>
        <translation>Updated {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="29"/>
        <source>导出为 PNG…</source>
        <translation>Export as PNG…</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="39"/>
        <source>图片宽度（像素）：</source>
        <translation>Image width (pixels):</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="51"/>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="61"/>
        <location filename="../../desktop/stats/stats_export.py" line="85"/>
        <source>无法写入文件：{path}</source>
        <translation>Cannot write {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="64"/>
        <location filename="../../desktop/stats/stats_export.py" line="88"/>
        <source>已导出 {path}</source>
        <translation>Exported {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="74"/>
        <source>统计摘要.pdf</source>
        <translation>statistics-summary.pdf</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="75"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_page.py" line="500"/>
        <source>尚无统计数据</source>
        <translation>No statistics yet</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="115"/>
        <source>统计摘要</source>
        <translation>Statistics summary</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="141"/>
        <source>{center} 统计摘要</source>
        <translation>{center} statistics summary</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="152"/>
        <source>统计期间：{period}&#x3000;范围：{scope}&#x3000;生成时间：{at}</source>
        <translation>Period: {period}   Scope: {scope}   Generated: {at}</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="159"/>
        <source>今日受理</source>
        <translation>Received today</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="160"/>
        <source>今日派遣</source>
        <translation>Dispatched today</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="161"/>
        <source>今日结案</source>
        <translation>Closed today</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="162"/>
        <source>当前超期</source>
        <translation>Overdue now</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="163"/>
        <source>今日按期率</source>
        <translation>On time today</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="212"/>
        <source>在办案件最密的网格</source>
        <translation>Grids with the most open cases</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="219"/>
        <source>{community} {grid}：在办 {open}，超期 {overdue}，每千户 {density:.2f}</source>
        <translation>{community} {grid}: {open} open, {overdue} overdue, {density:.2f} per 1000 households</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/stats_export.py" line="237"/>
        <source>暂无在办案件</source>
        <translation>No open cases</translation>
    </message>
</context>
<context>
    <name>TemplatePage</name>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="191"/>
        <source>填写模板</source>
        <translation>Fill in the template</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="192"/>
        <source>第 2 步，共 4 步：写出模板，填好后选择它</source>
        <translation>Step 2 of 4: write the template, then choose it when filled</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="193"/>
        <source>写出模板…</source>
        <translation>Write template…</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="196"/>
        <source>选择填好的模板…</source>
        <translation>Choose filled template…</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="210"/>
        <source>① 把空白模板保存到电脑上，用 Excel 或 WPS 填写。每个工作表的示例行导入时跳过，请从它下面一行起填写。</source>
        <translation>① Save the empty template on this computer and fill it in with Excel or WPS. Each sheet’s example row is skipped on import; start on the row below it.</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="222"/>
        <source>② 选择填好的模板。程序会读出并检查全部内容，这一步不写入任何数据。</source>
        <translation>② Choose the filled template. It is read and checked in full; this step writes nothing.</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="258"/>
        <source>模板已写出：%1</source>
        <translation>Template written: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="276"/>
        <source>文件：%1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="277"/>
        <source>正在读取和检查…</source>
        <translation>Reading and checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="292"/>
        <source>检查通过，没有发现问题。请按“下一步”查看将要写入的内容。</source>
        <translation>Checked: no problems. Press “Next” to see what will be written.</translation>
    </message>
    <message>
        <location filename="../../desktop/setup/setup_wizard.py" line="296"/>
        <source>发现 %1 处问题，没有写入任何数据。请按“下一步”查看。</source>
        <translation>%1 problems found; nothing was written. Press “Next” to see them.</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="123"/>
        <source>账号管理</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="135"/>
        <source>添加账号…</source>
        <translation>Add account…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="137"/>
        <source>停用 / 启用</source>
        <translation>Disable / enable</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="169"/>
        <source>已创建账号 %1</source>
        <translation>Account %1 created</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="194"/>
        <source>请先选择一个账号</source>
        <translation>Select an account first</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="197"/>
        <source> 已启用</source>
        <translation> enabled</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="197"/>
        <source> 已停用</source>
        <translation> disabled</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="48"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="49"/>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="50"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="51"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="62"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/users_dialog.py" line="62"/>
        <source>停用</source>
        <translation>Disabled</translation>
    </message>
</context>
<context>
    <name>YearGridModel</name>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="128"/>
        <source>休</source>
        <translation>H</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="128"/>
        <source>班</source>
        <translation>W</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="147"/>
        <source>%1月</source>
        <translation>Month %1</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="151"/>
        <source>工作日</source>
        <translation>Working day</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="152"/>
        <source>休息日</source>
        <translation>Rest day</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="153"/>
        <source>放假</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="154"/>
        <source>调休上班</source>
        <translation>Make-up working day</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="157"/>
        <source>星期一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="158"/>
        <source>星期二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="159"/>
        <source>星期三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="160"/>
        <source>星期四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="161"/>
        <source>星期五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="162"/>
        <source>星期六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../desktop/admin/calendar_editor.py" line="163"/>
        <source>星期日</source>
        <translation>Sunday</translation>
    </message>
</context>
<context>
    <name>_RequestDialog</name>
    <message>
        <location filename="../../desktop/inbox/request_dialogs.py" line="49"/>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/request_dialogs.py" line="50"/>
        <source>Ctrl+Enter 提交</source>
        <translation>Ctrl+Enter submits</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/request_dialogs.py" line="51"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/request_dialogs.py" line="60"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/inbox/request_dialogs.py" line="69"/>
        <source>请填写原因。</source>
        <translation>Please give a reason.</translation>
    </message>
</context>
</TS>
