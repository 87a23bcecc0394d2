import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, List, Row, Tag, Typography, Alert, Skeleton, Space } from 'antd';
import { api } from '../lib/api';
import { useAuth, useMe } from '../lib/auth';
import { useT } from '../lib/i18n';
import { today } from '../lib/format';
import { NAV, navAllowed } from '../nav';
import { CertificateTags, ownCertificateStatus } from '../components/Tags';

interface Todo {
  id: string; module: string; title: string; titleEn: string; detail?: string; due: string | null;
  severity: 'info' | 'warning' | 'danger'; link: string; citation?: string;
}

const SEVERITY_COLOR = { danger: 'red', warning: 'orange', info: 'blue' } as const;

export function HomePage() {
  const me = useMe();
  const t = useT();
  const todos = useQuery({ queryKey: ['home', 'todos'], queryFn: () => api.get<Todo[]>('/api/home/todos') });
  const withDue = (todos.data ?? []).filter((x) => x.due).sort((a, b) => a.due!.localeCompare(b.due!));
  const { can } = useAuth();
  const shortcuts = NAV.filter((n) => n.path !== '/' && !n.hidden && navAllowed(n, can));
  const ins = me.inspector;

  return (
    <div>
      <Typography.Title level={4}>{t(`${me.displayName}，您好`, `Hello, ${me.displayName}`)}</Typography.Title>
      <Typography.Paragraph type="secondary">
        <Space wrap>
          <span>{me.org.name}</span>
          {ins && (
            <Link to="/profile" data-testid="home-enforcement">
              <CertificateTags
                status={ownCertificateStatus(ins, today())}
                canEnforce={ins.canEnforce}
                reason={ins.reason}
                validTo={ins.certificateValidTo}
              />
            </Link>
          )}
        </Space>
      </Typography.Paragraph>
      {todos.isError && <Alert type="error" showIcon message={(todos.error as Error).message} />}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('待办事项', 'To-do')} data-testid="todos">
            {todos.isLoading ? <Skeleton active /> : (todos.data ?? []).length === 0 ? (
              <Empty description={t('暂无待办事项', 'Nothing to do')} />
            ) : (
              <List
                dataSource={todos.data}
                renderItem={(item) => (
                  <List.Item extra={item.due ? <Tag>{t('期限', 'Due')} {item.due}</Tag> : null}>
                    <List.Item.Meta
                      title={<Link to={item.link}><Tag color={SEVERITY_COLOR[item.severity]}>{t({ danger: '紧急', warning: '提醒', info: '提示' }[item.severity], item.severity)}</Tag>{t(item.title, item.titleEn)}</Link>}
                      description={item.citation}
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('临近期限', 'Deadlines coming up')} data-testid="deadlines">
            {todos.isLoading ? <Skeleton active /> : withDue.length === 0 ? (
              <Empty description={t('暂无临近的期限', 'No deadline coming up')} />
            ) : (
              <List size="small" dataSource={withDue} renderItem={(item) => (
                <List.Item><Link to={item.link}>{t(item.title, item.titleEn)}</Link><Tag>{item.due}</Tag></List.Item>
              )} />
            )}
          </Card>
          <Card title={t('常用功能', 'Shortcuts')} style={{ marginTop: 16 }} data-testid="shortcuts">
            <Row gutter={[8, 8]}>
              {shortcuts.map((n) => (
                <Col span={12} key={n.path}>
                  <Link to={n.path} style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '8px 12px', border: '1px solid #f0f0f0', borderRadius: 4 }}>
                    {n.icon}<span>{n.label(t)}</span>
                  </Link>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
