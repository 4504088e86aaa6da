/**
 * The web hall's landing page. Small but shaped like the real one (title, navigation to the self-service
 * businesses, notices), so page checks and browser steps have something realistic to assert on.
 */
export const WEB_HALL_HOME_PAGE_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>中国移动网上营业厅</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
</head>
<body>
  <header>
    <h1>中国移动网上营业厅 <small>China Mobile Web Hall (demo)</small></h1>
    <nav>
      <a href="#balance" id="nav-balance">话费查询</a>
      <a href="#bill" id="nav-bill">账单查询</a>
      <a href="#payment" id="nav-payment">缴费</a>
      <a href="#recharge" id="nav-recharge">充值</a>
      <a href="#services" id="nav-services">业务办理</a>
    </nav>
  </header>
  <main>
    <section id="login">
      <h2>登录 / Log in</h2>
      <form id="login-form" method="post" action="/webhall/login">
        <label>手机号码 <input name="phone" inputmode="numeric" maxlength="11"></label>
        <label>服务密码 <input name="password" type="password" maxlength="6"></label>
        <button type="submit">登录</button>
      </form>
    </section>
    <section id="notices">
      <h2>公告 / Notices</h2>
      <ul>
        <li>月末缴费高峰，请提前缴纳话费。</li>
        <li>短信营业厅：发送 CXYE 到 10086 查询余额。</li>
      </ul>
    </section>
  </main>
  <footer>客服热线 10086 · Simulated by Ganzhi demo back end</footer>
</body>
</html>
`;
